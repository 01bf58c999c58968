package dev.tableexport.runner.format;

import java.io.IOException;

/** Writes one line of a data file, made from a {@code T}, with an encoder. */
@FunctionalInterface
public interface LineWriter<T> {

  void write(ItemEncoder encoder, T line) throws IOException;
}
