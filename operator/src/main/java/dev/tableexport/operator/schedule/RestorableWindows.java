package dev.tableexport.operator.schedule;

import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.engine.NativePitr;
import dev.tableexport.operator.engine.PitrCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Where a schedule's runs can export: the restorable window of the table's ContinuousBackup in the
 * schedule's namespace, as its status publishes it, else (unless the runs use the Runner engine)
 * the store's own, from DescribeContinuousBackups. The same sources a TableExport is checked
 * against.
 */
class RestorableWindows {

  private final NativePitr pitr;

  RestorableWindows(NativePitr pitr) {
    this.pitr = pitr;
  }

  Optional<RestorableWindow> of(String namespace, TableExportSpec run, KubernetesClient client) {
    var backups = client.resources(ContinuousBackup.class).inNamespace(namespace).list().getItems();
    var backup = PitrCheck.backupFor(run, backups);
    if (backup.isPresent()) {
      var status = backup.get().getStatus();
      if (status == null
          || status.getPointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED
          || status.getEarliestRestorableDateTime() == null
          || status.getLatestRestorableDateTime() == null) {
        return Optional.empty();
      }
      return Optional.of(new RestorableWindow(
          PitrCheck.instant(status.getEarliestRestorableDateTime()),
          PitrCheck.instant(status.getLatestRestorableDateTime()),
          PitrCheck.holes(status)));
    }
    if (run.getEngine() == Engine.Runner) {
      return Optional.empty();
    }
    return pitr.describe(TableArn.tableNameOf(run.getTableArn()))
        .filter(NativePitr.State::enabled)
        .map(state -> new RestorableWindow(state.earliest(), state.latest()));
  }
}
