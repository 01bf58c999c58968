package dev.tableexport.operator.continuousbackup;

import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.engine.NativePitr;
import dev.tableexport.operator.tableexport.Conditions;
import dev.tableexport.operator.tableexport.Events;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ContinuousBackup of mode Native: the store's own point-in-time recovery, turned on with
 * UpdateContinuousBackups and kept on, its DescribeContinuousBackups mirrored into the status.
 */
final class NativeBackup {

  private static final Logger LOG = LoggerFactory.getLogger(NativeBackup.class);
  static final int DEFAULT_RECOVERY_PERIOD_DAYS = 35;

  private final NativePitr pitr;
  private final Events events;
  private final Clock clock;

  NativeBackup(NativePitr pitr, Clock clock) {
    this.pitr = pitr;
    this.events = new Events(clock);
    this.clock = clock;
  }

  /** The status it should have now, after turning PITR on (again) where it was off. */
  ContinuousBackupStatus keepOn(ContinuousBackup backup, KubernetesClient client) {
    var spec = backup.getSpec();
    var table = TableArn.tableNameOf(spec.getTableArn());
    int days = spec.getRecoveryPeriodInDays() == null ? DEFAULT_RECOVERY_PERIOD_DAYS : spec.getRecoveryPeriodInDays();
    var previous = backup.getStatus() == null ? new ContinuousBackupStatus() : backup.getStatus();
    var status = new ContinuousBackupStatus();
    status.setMode(BackupMode.Native);
    status.setObservedGeneration(backup.getMetadata().getGeneration());
    long generation = backup.getMetadata().getGeneration() == null ? 0 : backup.getMetadata().getGeneration();
    var state = pitr.describe(table);
    if (state.isEmpty()) {
      status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
      status.setConditions(Conditions.set(previous.getConditions(), Conditions.READY, false, "NoNativePitr",
          "The store answers that DescribeContinuousBackups is an unknown operation: it has no point-in-time"
              + " recovery of its own. Use spec.mode Recorder with a store", generation, clock.instant()));
      return status;
    }
    var current = state.get();
    boolean periodDiffers = current.recoveryPeriodInDays() != null && current.recoveryPeriodInDays() != days;
    if (!current.enabled() || periodDiffers) {
      if (!current.enabled() && previous.getMode() == BackupMode.Native
          && previous.getPointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED) {
        LOG.info("Point-in-time recovery of table {} was turned off outside the operator; turning it on", table);
        events.record(client, backup, Events.Reason.PitrReenabled, "Point-in-time recovery of table " + table
            + " was turned off outside the operator (the window before now is lost); turned it on again");
      }
      current = pitr.enable(table, days);
    }
    status.setPointInTimeRecoveryStatus(current.enabled()
        ? PointInTimeRecoveryStatus.ENABLED : PointInTimeRecoveryStatus.DISABLED);
    status.setEarliestRestorableDateTime(Objects.toString(current.earliest(), null));
    status.setLatestRestorableDateTime(Objects.toString(current.latest(), null));
    status.setRecoveryPeriodInDays(current.recoveryPeriodInDays());
    status.setConditions(current.enabled()
        ? Conditions.set(previous.getConditions(), Conditions.READY, true, "NativePitr",
            "The store keeps the table restorable from " + current.earliest() + " to the latest"
                + " restorable time (status.latestRestorableDateTime)",
            generation, clock.instant())
        : Conditions.set(previous.getConditions(), Conditions.READY, false, "Enabling",
            "Point-in-time recovery is being turned on", generation, clock.instant()));
    return status;
  }

  /** Turns PITR off when the backup asks for it on delete. */
  void deleted(ContinuousBackup backup) {
    if (Boolean.TRUE.equals(backup.getSpec().getDisableOnDelete())) {
      var table = TableArn.tableNameOf(backup.getSpec().getTableArn());
      LOG.info("ContinuousBackup {} deleted with disableOnDelete: turning off point-in-time recovery of {}",
          backup.getMetadata().getName(), table);
      pitr.disable(table);
    }
  }
}
