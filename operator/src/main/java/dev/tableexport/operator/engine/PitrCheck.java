package dev.tableexport.operator.engine;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.TableExportSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Step 3 of an export: the table's point-in-time recovery. DynamoDB exports only tables with PITR
 * on, at times inside its window; for the runner PITR is a ContinuousBackup of the table in the
 * export's namespace, for the native engine the store's own.
 */
public final class PitrCheck {

  private PitrCheck() {}

  /** The table's ContinuousBackup, if there is one with the export's table ARN. */
  public static Optional<ContinuousBackup> backupFor(TableExportSpec spec, Collection<ContinuousBackup> backups) {
    if (spec.getTableArn() == null) {
      return Optional.empty();
    }
    return backups.stream()
        .filter(b -> b.getSpec() != null && spec.getTableArn().equals(b.getSpec().getTableArn()))
        .findFirst();
  }

  static Optional<ExportFailure> check(TableExportSpec spec, Optional<ContinuousBackup> backup) {
    var tableName = TableArn.tableNameOf(spec.getTableArn());
    if (backup.isEmpty()) {
      return Optional.of(new ExportFailure(FailureCodes.PITR_UNAVAILABLE,
          "Point-in-time recovery is not enabled for table " + tableName + ": create a"
              + " ContinuousBackup for " + spec.getTableArn() + " in this namespace."));
    }
    var status = backup.get().getStatus();
    if (status == null || status.getPointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED
        || status.getEarliestRestorableDateTime() == null || status.getLatestRestorableDateTime() == null) {
      return Optional.of(new ExportFailure(FailureCodes.PITR_UNAVAILABLE,
          "Point-in-time recovery of table " + tableName + " is not ENABLED yet: ContinuousBackup "
              + backup.get().getMetadata().getName() + " has no restorable window. Wait until its"
              + " status shows pointInTimeRecoveryStatus ENABLED, then create the export again."));
    }
    return inWindow(spec, instant(status.getEarliestRestorableDateTime()),
        instant(status.getLatestRestorableDateTime()), holes(status),
        backup.get().getMetadata().getName());
  }

  /** The holes a ContinuousBackup's status publishes in its restorable window. */
  public static List<BackupHole> holes(ContinuousBackupStatus status) {
    return status.getHoles() == null ? List.of() : status.getHoles().stream()
        .map(hole -> new BackupHole(instant(hole.getStart()), instant(hole.getEnd())))
        .toList();
  }

  /** The spec's times lie in [earliest, latest] and outside the holes of backup {@code source}. */
  static Optional<ExportFailure> inWindow(
      TableExportSpec spec, Instant earliest, Instant latest, List<BackupHole> holes, String source) {
    var window = "[" + earliest + ", " + latest + "]";
    if (spec.getExportType() == ExportType.INCREMENTAL_EXPORT) {
      var incremental = spec.getIncrementalExportSpecification();
      var from = instant(incremental.getExportFromTime());
      if (from.isBefore(earliest) || from.isAfter(latest)) {
        return Optional.of(outside("exportFromTime " + incremental.getExportFromTime(), window));
      }
      var to = incremental.getExportToTime() == null ? latest : instant(incremental.getExportToTime());
      if (to.isBefore(earliest) || to.isAfter(latest)) {
        return Optional.of(outside("exportToTime " + incremental.getExportToTime(), window));
      }
      return BackupHole.touching(holes, from, to).map(hole -> inHole(
          "The incremental export window from " + from + " to " + to + " overlaps", hole, source));
    } else if (spec.getExportTime() != null) {
      var time = instant(spec.getExportTime());
      if (time.isBefore(earliest) || time.isAfter(latest)) {
        return Optional.of(outside("exportTime " + spec.getExportTime(), window));
      }
      return BackupHole.at(holes, time).map(hole -> inHole(
          "exportTime " + spec.getExportTime() + " is inside", hole, source));
    }
    return Optional.empty();
  }

  private static ExportFailure inHole(String what, BackupHole hole, String backup) {
    return new ExportFailure(FailureCodes.INVALID_EXPORT_TIME,
        what + " the hole " + hole + " of ContinuousBackup " + backup
            + ": its recorder was down or behind the stream then, and changes read late cannot be"
            + " timed exactly. Create an export with times outside it (see the backup's status.holes).");
  }

  private static ExportFailure outside(String what, String window) {
    return new ExportFailure(FailureCodes.INVALID_EXPORT_TIME,
        what + " is outside the restorable window " + window + ". Create an export with a time inside it.");
  }

  public static Instant instant(String rfc3339) {
    return OffsetDateTime.parse(rfc3339).toInstant();
  }
}
