package dev.tableexport.runner.sink;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An in-memory byte sink that grows in fixed chunks, so a data file never needs one contiguous
 * array or a copy on growth, and can be re-read for an upload retry.
 */
final class ChunkedBuffer extends OutputStream {

  private static final int CHUNK_SIZE = 256 * 1024;

  private final List<byte[]> chunks = new ArrayList<>();
  private int positionInLastChunk = CHUNK_SIZE;
  private long size;

  @Override
  public void write(int b) {
    ensureSpace();
    chunks.getLast()[positionInLastChunk++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    while (length > 0) {
      ensureSpace();
      int count = Math.min(length, CHUNK_SIZE - positionInLastChunk);
      System.arraycopy(bytes, offset, chunks.getLast(), positionInLastChunk, count);
      positionInLastChunk += count;
      offset += count;
      length -= count;
      size += count;
    }
  }

  private void ensureSpace() {
    if (positionInLastChunk == CHUNK_SIZE) {
      chunks.add(new byte[CHUNK_SIZE]);
      positionInLastChunk = 0;
    }
  }

  long size() {
    return size;
  }

  InputStream newInputStream() {
    var streams = new ArrayList<InputStream>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      int length = i == chunks.size() - 1 ? positionInLastChunk : CHUNK_SIZE;
      streams.add(new ByteArrayInputStream(chunks.get(i), 0, length));
    }
    return new SequenceInputStream(Collections.enumeration(streams));
  }
}
