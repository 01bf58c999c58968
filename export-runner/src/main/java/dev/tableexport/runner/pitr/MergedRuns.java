package dev.tableexport.runner.pitr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** A k-way merge of sorted runs that holds one entry per run in memory. */
final class MergedRuns implements SortedEntries {

  private final List<RunFile.Reader> readers = new ArrayList<>();
  private final PriorityQueue<RunFile.Reader> queue;

  MergedRuns(List<RunFile> runs) throws IOException {
    // Runs hold entries in the order they were added, so the earlier run wins a tie: stable.
    queue =
        new PriorityQueue<>(
            runs.size(),
            Comparator.comparing(RunFile.Reader::current, ExternalSorter.ORDER)
                .thenComparingInt(RunFile.Reader::rank));
    try {
      for (int rank = 0; rank < runs.size(); rank++) {
        var reader = runs.get(rank).open(rank);
        readers.add(reader);
        if (reader.advance()) {
          queue.add(reader);
        }
      }
    } catch (IOException e) {
      try {
        close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    return !queue.isEmpty();
  }

  @Override
  public SortedEntry next() {
    var reader = queue.poll();
    if (reader == null) {
      throw new NoSuchElementException();
    }
    var entry = reader.current();
    try {
      if (reader.advance()) {
        queue.add(reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entry;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (var reader : readers) {
      try {
        reader.close();
      } catch (IOException e) {
        failure = IoFailures.add(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
