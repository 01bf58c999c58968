package dev.tableexport.runner.source;

import java.util.List;

/** Receives pages of lines to export; it may block, which holds back whoever produces them. */
@FunctionalInterface
public interface PageConsumer<T> {

  void accept(List<T> page) throws InterruptedException;
}
