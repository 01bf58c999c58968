package dev.tableexport.operator.schedule;

import java.time.Instant;

/** The times a table can be exported at: DescribeContinuousBackups' earliest and latest. */
record RestorableWindow(Instant earliest, Instant latest) {

  boolean contains(Instant time) {
    return !time.isBefore(earliest) && !time.isAfter(latest);
  }
}
