package dev.tableexport.operator.schedule;

import dev.tableexport.contract.BackupHole;
import java.time.Instant;
import java.util.List;

/**
 * The times a table can be exported at: DescribeContinuousBackups' earliest and latest, and the
 * holes a ContinuousBackup's recorder left in between.
 */
record RestorableWindow(Instant earliest, Instant latest, List<BackupHole> holes) {

  RestorableWindow(Instant earliest, Instant latest) {
    this(earliest, latest, List.of());
  }
}
