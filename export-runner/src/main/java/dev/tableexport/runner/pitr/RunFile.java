package dev.tableexport.runner.pitr;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sorted run of {@code count} entries on disk, each written as key length, key, time, payload
 * length, payload.
 */
record RunFile(Path file, int count) {

  private static final int BUFFER_BYTES = 64 * 1024;

  void write(List<SortedEntry> entries) throws IOException {
    try (var out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES))) {
      for (var entry : entries) {
        out.writeInt(entry.key().length);
        out.write(entry.key());
        out.writeLong(entry.time());
        out.writeInt(entry.payload().length);
        out.write(entry.payload());
      }
    }
  }

  /** A reader whose rank (the run's position among all runs) breaks ties in the merge. */
  Reader open(int rank) throws IOException {
    var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
    return new Reader(in, count, rank);
  }

  /** Reads a run one entry at a time. */
  static final class Reader implements Closeable {

    private final DataInputStream in;
    private final int rank;
    private int remaining;
    private SortedEntry current;

    private Reader(DataInputStream in, int count, int rank) {
      this.in = in;
      this.remaining = count;
      this.rank = rank;
    }

    /** Moves to the next entry; false, and closes the file, once the run is exhausted. */
    boolean advance() throws IOException {
      if (remaining == 0) {
        current = null;
        in.close();
        return false;
      }
      remaining--;
      var key = readBytes();
      var time = in.readLong();
      var payload = readBytes();
      current = new SortedEntry(key, time, payload);
      return true;
    }

    SortedEntry current() {
      return current;
    }

    int rank() {
      return rank;
    }

    private byte[] readBytes() throws IOException {
      var bytes = new byte[in.readInt()];
      in.readFully(bytes);
      return bytes;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
