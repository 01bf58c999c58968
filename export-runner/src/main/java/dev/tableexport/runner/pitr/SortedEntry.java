package dev.tableexport.runner.pitr;

/** One entry of an {@link ExternalSorter}; its arrays are shared, not copied. */
public record SortedEntry(byte[] key, long time, byte[] payload) {}
