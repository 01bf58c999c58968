package dev.tableexport.operator.continuousbackup;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.observability.OperatorMetrics;
import dev.tableexport.operator.runner.RunnerPods;
import dev.tableexport.operator.tableexport.Conditions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Keeps one recorder Deployment per ContinuousBackup and publishes, every few seconds, the
 * restorable window the recorder wrote in the store. The backup is Degraded when the recorder's
 * heartbeat stops or it falls behind. Deleting the ContinuousBackup deletes the Deployment (its
 * owner) and keeps the store.
 */
public final class ContinuousBackupReconciler implements Reconciler<ContinuousBackup> {

  /** A recorder whose heartbeat is older than this, or that lags more, is not keeping up. */
  static final Duration STALE_AFTER = Duration.ofMinutes(2);
  private static final Duration REFRESH = Duration.ofSeconds(5);

  private final RecorderDeploymentBuilder deployments;
  private final StoreStatusReader statuses;
  private final OperatorMetrics metrics;
  private final Clock clock;

  public ContinuousBackupReconciler(RecorderDeploymentBuilder deployments, StoreStatusReader statuses,
      OperatorMetrics metrics, Clock clock) {
    this.deployments = deployments;
    this.statuses = statuses;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ContinuousBackup>> prepareEventSources(EventSourceContext<ContinuousBackup> context) {
    return List.of(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Deployment.class, ContinuousBackup.class).build(), context));
  }

  @Override
  public UpdateControl<ContinuousBackup> reconcile(ContinuousBackup backup, Context<ContinuousBackup> context)
      throws Exception {
    var desired = deployments.build(backup);
    var current = context.getSecondaryResource(Deployment.class);
    if (current.isEmpty() || !Objects.equals(specHash(desired), specHash(current.get()))) {
      context.getClient().resource(desired).createOr(existing -> existing.update());
    }
    var spec = backup.getSpec();
    var table = TableArn.tableNameOf(spec.getTableArn());
    var published = statuses.read(RunnerPods.storeLocation(spec.getStore()), table);
    var status = next(backup, desired.getMetadata().getName(), published.orElse(null));
    if (status.equals(backup.getStatus())) {
      return UpdateControl.<ContinuousBackup>noUpdate().rescheduleAfter(REFRESH);
    }
    backup.setStatus(status);
    return UpdateControl.patchStatus(backup).rescheduleAfter(REFRESH);
  }

  private static String specHash(Deployment deployment) {
    return deployment.getMetadata().getAnnotations() == null
        ? null
        : deployment.getMetadata().getAnnotations().get(RecorderDeploymentBuilder.SPEC_HASH);
  }

  ContinuousBackupStatus next(ContinuousBackup backup, String deploymentName, BackupStatus published) {
    var now = clock.instant();
    var previous = backup.getStatus() == null ? new ContinuousBackupStatus() : backup.getStatus();
    var status = new ContinuousBackupStatus();
    status.setDeploymentName(deploymentName);
    status.setObservedGeneration(backup.getMetadata().getGeneration());
    long generation = backup.getMetadata().getGeneration() == null ? 0 : backup.getMetadata().getGeneration();
    if (published == null || !published.hasWindow()) {
      status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
      status.setConditions(Conditions.set(previous.getConditions(), Conditions.READY, false, "FirstSnapshot",
          "The recorder is starting or taking its first base snapshot", generation, now));
      return status;
    }
    status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED);
    status.setEarliestRestorableDateTime(published.earliestRestorableDateTime().toString());
    status.setLatestRestorableDateTime(published.latestRestorableDateTime().toString());
    status.setLagSeconds(published.lagMillis() / 1000);
    metrics.recorderLag(backup.getMetadata().getNamespace() + "/" + backup.getMetadata().getName(),
        status.getLagSeconds());
    var heartbeatAge = Duration.between(published.heartbeat(), now);
    boolean degraded = heartbeatAge.compareTo(STALE_AFTER) > 0
        || Duration.ofMillis(published.lagMillis()).compareTo(STALE_AFTER) > 0;
    var conditions = Conditions.set(previous.getConditions(), Conditions.READY, true, "Recording",
        "Restorable from " + status.getEarliestRestorableDateTime() + " to "
            + status.getLatestRestorableDateTime(), generation, now);
    status.setConditions(Conditions.set(conditions, Conditions.DEGRADED, degraded,
        degraded ? "RecorderBehind" : "KeepingUp",
        degraded ? "The recorder's last heartbeat was " + heartbeatAge.toSeconds() + " s ago and it is "
            + published.lagMillis() / 1000 + " s behind the stream; see its pod's logs"
            : "The recorder keeps up with the stream", generation, now));
    return status;
  }
}
