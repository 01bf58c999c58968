package dev.tableexport.runner.format;

import java.io.IOException;

/** Writes one line of a data file, made from a {@code T}, with an encoder. */
@FunctionalInterface
public interface LineWriter<T> {

  /** Returns the line's billed size: what it adds to a full export's billedSizeBytes. */
  long write(ItemEncoder encoder, T line) throws IOException;
}
