package dev.tableexport.runner.pitr;

import java.util.Iterator;

/** Sorted entries that never left memory. */
final class BufferedEntries implements SortedEntries {

  private final Iterator<SortedEntry> iterator;

  BufferedEntries(Iterator<SortedEntry> iterator) {
    this.iterator = iterator;
  }

  @Override
  public boolean hasNext() {
    return iterator.hasNext();
  }

  @Override
  public SortedEntry next() {
    return iterator.next();
  }

  @Override
  public void close() {}
}
