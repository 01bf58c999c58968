package dev.tableexport.runner.pitr;

import java.io.Closeable;
import java.util.Iterator;

/**
 * The entries of an {@link ExternalSorter} in order. Reading a run file can fail inside {@link
 * #hasNext()} or {@link #next()}; the IOException then comes wrapped in an UncheckedIOException.
 */
public interface SortedEntries extends Iterator<SortedEntry>, Closeable {}
