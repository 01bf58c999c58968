package dev.tableexport.operator.engine;

import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.ContinuousBackup;

/** What a ContinuousBackup means to an export. */
public final class ContinuousBackups {

  private ContinuousBackups() {}

  /** Whether our recorder keeps the table's history (not the store's own PITR). */
  public static boolean recorded(ContinuousBackup backup) {
    var mode = backup.getStatus() != null && backup.getStatus().getMode() != null
        ? backup.getStatus().getMode() : backup.getSpec().getMode();
    return mode == BackupMode.Recorder;
  }
}
