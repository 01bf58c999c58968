package dev.tableexport.runner.pitr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts more entries than fit in memory: buffers them up to a memory budget, spills each full
 * buffer as a sorted run file, and merges the runs. Entries are ordered by key (unsigned bytes),
 * then time; entries equal in both keep the order they were added in.
 */
public final class ExternalSorter implements AutoCloseable {

  static final Comparator<SortedEntry> ORDER =
      Comparator.comparing(SortedEntry::key, Arrays::compareUnsigned)
          .thenComparingLong(SortedEntry::time);

  /** Our guess at an entry's memory besides its arrays: object headers, fields, list slot. */
  private static final int ENTRY_OVERHEAD_BYTES = 64;

  private final Path workDirectory;
  private final long memoryBudgetBytes;
  private final List<SortedEntry> buffer = new ArrayList<>();
  private final List<RunFile> runs = new ArrayList<>();
  private long bufferedBytes;
  private long size;
  private SortedEntries entries;
  private boolean closed;

  /** Runs are spilled as temporary files in {@code workDirectory}. */
  public ExternalSorter(Path workDirectory, long memoryBudgetBytes) {
    if (memoryBudgetBytes <= 0) {
      throw new IllegalArgumentException("The memory budget must be positive");
    }
    this.workDirectory = workDirectory;
    this.memoryBudgetBytes = memoryBudgetBytes;
  }

  /** Adds an entry, keeping its arrays: the caller must not change them afterwards. */
  public void add(byte[] key, long time, byte[] payload) throws IOException {
    checkOpen();
    buffer.add(new SortedEntry(key, time, payload));
    bufferedBytes += key.length + payload.length + ENTRY_OVERHEAD_BYTES;
    size++;
    if (bufferedBytes > memoryBudgetBytes) {
      spill();
    }
  }

  /** The number of entries added. */
  public long size() {
    return size;
  }

  /** Every entry added, in order; call once, after the last {@link #add}. */
  public SortedEntries sorted() throws IOException {
    checkOpen();
    if (runs.isEmpty()) {
      buffer.sort(ORDER);
      entries = new BufferedEntries(buffer.iterator());
    } else {
      if (!buffer.isEmpty()) {
        spill();
      }
      entries = new MergedRuns(runs);
    }
    return entries;
  }

  /** Closes the sorted entries and deletes every run file; later calls do nothing. */
  @Override
  public void close() throws IOException {
    closed = true;
    IOException failure = null;
    if (entries != null) {
      try {
        entries.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    for (var iterator = runs.iterator(); iterator.hasNext(); ) {
      try {
        Files.deleteIfExists(iterator.next().file());
        iterator.remove();
      } catch (IOException e) {
        failure = IoFailures.add(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void spill() throws IOException {
    buffer.sort(ORDER);
    var run = new RunFile(Files.createTempFile(workDirectory, "sort-run-", ".bin"), buffer.size());
    runs.add(run);
    run.write(buffer);
    buffer.clear();
    bufferedBytes = 0;
  }

  private void checkOpen() {
    if (closed || entries != null) {
      throw new IllegalStateException("The sorter was already sorted or closed");
    }
  }
}
