package dev.tableexport.operator.continuousbackup;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.RestorableWindowHole;
import dev.tableexport.operator.engine.NativePitr;
import dev.tableexport.operator.observability.OperatorMetrics;
import dev.tableexport.operator.runner.RunnerPods;
import dev.tableexport.operator.tableexport.Conditions;
import dev.tableexport.operator.tableexport.StatusPatch;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a table restorable. Mode Recorder: one recorder Deployment per ContinuousBackup, and every
 * few seconds the restorable window the recorder wrote in the store in the status; Degraded when
 * the recorder's heartbeat stops or it falls behind; deleting the ContinuousBackup deletes the
 * Deployment (its owner) and keeps the store. Mode Native: the store's own point-in-time recovery,
 * kept on (see {@link NativeBackup}).
 */
public final class ContinuousBackupReconciler
    implements Reconciler<ContinuousBackup>, Cleaner<ContinuousBackup> {

  /** A recorder whose heartbeat is older than this, or that lags more, is not keeping up. */
  static final Duration STALE_AFTER = Duration.ofMinutes(2);
  /** How long after a hole ends the backup stays Degraded for it. */
  static final Duration HOLE_RECENT = Duration.ofHours(1);
  private static final Duration REFRESH = Duration.ofSeconds(5);
  /** The latest restorable time alone is written at most this often. */
  static final Duration WINDOW_WRITE_INTERVAL = Duration.ofMinutes(1);
  /** A recorder that fails at once (no stream, no access to its store) also restarts in a loop. */
  private static final Set<String> RECORDER_STUCK =
      Stream.concat(RunnerPods.CANNOT_START.stream(), Stream.of("CrashLoopBackOff"))
          .collect(Collectors.toUnmodifiableSet());

  private final RecorderDeploymentBuilder deployments;
  private final StoreStatusReader statuses;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final NativePitr pitr;
  private final NativeBackup nativeBackup;
  private final Duration nativeRefresh;

  /** @param nativeRefresh how often a Native backup's table is described */
  public ContinuousBackupReconciler(RecorderDeploymentBuilder deployments, StoreStatusReader statuses,
      NativePitr pitr, Duration nativeRefresh, OperatorMetrics metrics, Clock clock) {
    this.deployments = deployments;
    this.statuses = statuses;
    this.metrics = metrics;
    this.clock = clock;
    this.pitr = pitr;
    this.nativeBackup = new NativeBackup(pitr, clock);
    this.nativeRefresh = nativeRefresh;
  }

  /** The recorder Deployments and their pods, only the operator's own. */
  @Override
  public List<EventSource<?, ContinuousBackup>> prepareEventSources(EventSourceContext<ContinuousBackup> context) {
    return List.of(
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, ContinuousBackup.class)
            .withLabelSelector(RunnerPods.MANAGED_BY_SELECTOR)
            .build(), context),
        RunnerPods.eventSource(RecorderDeploymentBuilder.APP, ContinuousBackup.class, context));
  }

  @Override
  public UpdateControl<ContinuousBackup> reconcile(ContinuousBackup backup, Context<ContinuousBackup> context)
      throws Exception {
    return StatusPatch.clearingError(backup, step(backup, context));
  }

  /** DescribeContinuousBackups, UpdateContinuousBackups or the store unreachable: a condition. */
  @Override
  public ErrorStatusUpdateControl<ContinuousBackup> updateErrorStatus(
      ContinuousBackup backup, Context<ContinuousBackup> context, Exception e) {
    return StatusPatch.error(StatusPatch.latest(context.getClient(), backup),
        ContinuousBackupStatus::new, context.getRetryInfo(), e, clock);
  }

  private UpdateControl<ContinuousBackup> step(ContinuousBackup backup, Context<ContinuousBackup> context)
      throws IOException {
    var refusal = BackupClaims.refusal(backup, context.getPrimaryCache().list().toList());
    if (refusal.isPresent()) {
      return patchWhenChanged(backup, refused(backup, refusal.get()), REFRESH);
    }
    if (mode(backup) == BackupMode.Native) {
      return patchWhenChanged(backup, nativeBackup.keepOn(backup, context.getClient()), nativeRefresh);
    }
    if (backup.getSpec().getStore() == null) {
      var status = new ContinuousBackupStatus();
      status.setMode(BackupMode.Recorder);
      status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
      status.setConditions(Conditions.set(backup.getStatus() == null ? null : backup.getStatus().getConditions(),
          Conditions.READY, false, "NoStore", "The store has no point-in-time recovery of its own, and the"
              + " recorder needs spec.store: add the bucket and prefix it writes to",
          backup.getMetadata().getGeneration() == null ? 0 : backup.getMetadata().getGeneration(), clock.instant()));
      return patchWhenChanged(backup, status, REFRESH);
    }
    var desired = deployments.build(backup);
    var current = context.getSecondaryResource(Deployment.class);
    if (current.isEmpty() || !Objects.equals(specHash(desired), specHash(current.get()))) {
      context.getClient().resource(desired).createOr(existing -> existing.update());
    }
    var spec = backup.getSpec();
    var table = TableArn.tableNameOf(spec.getTableArn());
    var published = statuses.read(RunnerPods.storeLocation(spec.getStore()), table)
        .filter(BackupStatus::hasWindow);
    // Before the first window, a recorder that cannot start would otherwise look like one taking
    // its first snapshot; after it, its stale heartbeat shows.
    var stuck = published.isPresent() ? Optional.<String>empty()
        : RunnerPods.stuck(context.getSecondaryResourcesAsStream(Pod.class).toList(), RECORDER_STUCK);
    var status = next(backup, desired.getMetadata().getName(), published.orElse(null), stuck.orElse(null));
    return patchWhenChanged(backup, status, REFRESH);
  }

  /**
   * Writes the status on a real change. The latest restorable time and the lag move every few
   * seconds: alone, they are written at most once a minute, so that etcd and every watcher of the
   * backup (Argo CD) are not sent a new version every few seconds.
   */
  static UpdateControl<ContinuousBackup> patchWhenChanged(
      ContinuousBackup backup, ContinuousBackupStatus status, Duration refresh) {
    var previous = backup.getStatus();
    if (status.equals(previous) || (previous != null && onlyTheWindowMoved(previous, status))) {
      return UpdateControl.<ContinuousBackup>noUpdate().rescheduleAfter(refresh);
    }
    backup.setStatus(status);
    return StatusPatch.of(backup).rescheduleAfter(refresh);
  }

  private static boolean onlyTheWindowMoved(ContinuousBackupStatus previous, ContinuousBackupStatus next) {
    if (previous.getLatestRestorableDateTime() == null || next.getLatestRestorableDateTime() == null) {
      return false;
    }
    var moved = Duration.between(Instant.parse(previous.getLatestRestorableDateTime()),
        Instant.parse(next.getLatestRestorableDateTime()));
    if (moved.abs().compareTo(WINDOW_WRITE_INTERVAL) >= 0) {
      return false;
    }
    var latest = next.getLatestRestorableDateTime();
    var lag = next.getLagSeconds();
    next.setLatestRestorableDateTime(previous.getLatestRestorableDateTime());
    next.setLagSeconds(previous.getLagSeconds());
    boolean same = next.equals(previous);
    next.setLatestRestorableDateTime(latest);
    next.setLagSeconds(lag);
    return same;
  }

  private ContinuousBackupStatus refused(ContinuousBackup backup, String refusal) {
    var status = new ContinuousBackupStatus();
    status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
    status.setObservedGeneration(backup.getMetadata().getGeneration());
    status.setConditions(Conditions.set(backup.getStatus() == null ? null : backup.getStatus().getConditions(),
        Conditions.READY, false, "Conflict", refusal,
        backup.getMetadata().getGeneration() == null ? 0 : backup.getMetadata().getGeneration(), clock.instant()));
    return status;
  }

  @Override
  public DeleteControl cleanup(ContinuousBackup backup, Context<ContinuousBackup> context) {
    if (mode(backup) == BackupMode.Native) {
      nativeBackup.deleted(backup);
    }
    return DeleteControl.defaultDelete();
  }

  /**
   * Mode Auto asks the store once: Recorder when it does not know DescribeContinuousBackups
   * (DynamoDB Local), else Native; the status keeps the answer.
   */
  private BackupMode mode(ContinuousBackup backup) {
    var mode = backup.getSpec().getMode();
    if (mode == BackupMode.Native || mode == BackupMode.Recorder) {
      return mode;
    }
    if (backup.getStatus() != null && backup.getStatus().getMode() != null) {
      return backup.getStatus().getMode();
    }
    return pitr.describe(TableArn.tableNameOf(backup.getSpec().getTableArn())).isPresent()
        ? BackupMode.Native : BackupMode.Recorder;
  }

  private static String specHash(Deployment deployment) {
    return deployment.getMetadata().getAnnotations() == null
        ? null
        : deployment.getMetadata().getAnnotations().get(RecorderDeploymentBuilder.SPEC_HASH);
  }

  /**
   * @param published what the recorder published, or null while it has no window yet
   * @param stuckRecorder why the recorder's pod cannot start, or null
   */
  ContinuousBackupStatus next(ContinuousBackup backup, String deploymentName, BackupStatus published,
      String stuckRecorder) {
    var now = clock.instant();
    var previous = backup.getStatus() == null ? new ContinuousBackupStatus() : backup.getStatus();
    var status = new ContinuousBackupStatus();
    status.setMode(BackupMode.Recorder);
    status.setDeploymentName(deploymentName);
    status.setObservedGeneration(backup.getMetadata().getGeneration());
    long generation = backup.getMetadata().getGeneration() == null ? 0 : backup.getMetadata().getGeneration();
    if (published == null) {
      status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
      if (stuckRecorder == null) {
        status.setConditions(Conditions.set(previous.getConditions(), Conditions.READY, false, "FirstSnapshot",
            "The recorder is starting or taking its first base snapshot", generation, now));
      } else {
        var message = "The recorder's " + stuckRecorder + ". Check the runner image, the credentials"
            + " Secret and the recorder's logs";
        var conditions = Conditions.set(previous.getConditions(), Conditions.READY, false,
            "RecorderCannotStart", message, generation, now);
        status.setConditions(Conditions.set(conditions, Conditions.DEGRADED, true, "RecorderCannotStart",
            message, generation, now));
      }
      return status;
    }
    status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED);
    status.setEarliestRestorableDateTime(published.earliestRestorableDateTime().toString());
    status.setLatestRestorableDateTime(published.latestRestorableDateTime().toString());
    status.setHoles(published.holes().stream()
        .map(hole -> new RestorableWindowHole(hole.start().toString(), hole.end().toString()))
        .toList());
    status.setLagSeconds(published.lagMillis() / 1000);
    metrics.recorderLag(backup.getMetadata().getNamespace() + "/" + backup.getMetadata().getName(),
        status.getLagSeconds());
    var heartbeatAge = Duration.between(published.heartbeat(), now);
    boolean behind = heartbeatAge.compareTo(STALE_AFTER) > 0
        || Duration.ofMillis(published.lagMillis()).compareTo(STALE_AFTER) > 0;
    var recentHole = published.holes().isEmpty() ? null : published.holes().getLast();
    if (recentHole != null && Duration.between(recentHole.end(), now).compareTo(HOLE_RECENT) > 0) {
      recentHole = null;
    }
    var conditions = Conditions.set(previous.getConditions(), Conditions.READY, true, "Recording",
        "Restorable from " + status.getEarliestRestorableDateTime() + " to the latest restorable"
            + " time (status.latestRestorableDateTime, which follows the stream)", generation, now);
    if (behind) {
      conditions = Conditions.set(conditions, Conditions.DEGRADED, true, "RecorderBehind",
          "The recorder is silent or behind the stream: its last heartbeat was at "
              + published.heartbeat() + ", and status.lagSeconds says how far behind it is; see its"
              + " pod's logs", generation, now);
    } else if (recentHole != null) {
      conditions = Conditions.set(conditions, Conditions.DEGRADED, true, "HoleInWindow",
          "No time from " + recentHole.start() + " to " + recentHole.end() + " is restorable: the"
              + " recorder was down or behind the stream then. It keeps up again; see status.holes",
          generation, now);
    } else {
      conditions = Conditions.set(conditions, Conditions.DEGRADED, false, "KeepingUp",
          "The recorder keeps up with the stream", generation, now);
    }
    status.setConditions(conditions);
    return status;
  }
}
