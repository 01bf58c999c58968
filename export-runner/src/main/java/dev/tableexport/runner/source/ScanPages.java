package dev.tableexport.runner.source;

import java.util.List;

/**
 * Receives a segmented scan's pages, each with the position it leaves its segment at (also for
 * empty pages, so that a segment's end is known). It may block, which holds back the scan.
 */
@FunctionalInterface
public interface ScanPages<T> {

  void accept(List<T> page, ScanPosition after) throws InterruptedException;
}
