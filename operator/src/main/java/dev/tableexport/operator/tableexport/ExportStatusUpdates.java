package dev.tableexport.operator.tableexport;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.engine.ExportFailure;
import dev.tableexport.operator.engine.PitrCheck;
import dev.tableexport.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an export stands, written into its status with the conditions, events, metrics and client
 * token record that go with it: queued, resolved by its client token, completed, failed. Ended
 * exports come back after the history retention, to be deleted.
 */
final class ExportStatusUpdates {

  private static final Logger LOG = LoggerFactory.getLogger(ExportStatusUpdates.class);
  static final Duration QUEUE_RECHECK = Duration.ofSeconds(2);

  private final Events events;
  private final OperatorMetrics metrics;
  private final Duration historyRetention;
  private final Clock clock;

  ExportStatusUpdates(Events events, OperatorMetrics metrics, Duration historyRetention, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.historyRetention = historyRetention;
    this.clock = clock;
  }

  /**
   * Step 4: the token was used within 8 hours by another export. With the same parameters this
   * export is that export (its result, once it has one, and no Job); with others it is a conflict.
   */
  UpdateControl<TableExport> resolvedByToken(
      TableExport export, TableExportStatus status, ClientTokens.Use earlier, KubernetesClient client) {
    if (!earlier.parameters().equals(ClientTokens.parameters(export.getSpec()))) {
      return failed(export, new ExportFailure(FailureCodes.EXPORT_CONFLICT,
          "Client token " + export.getSpec().getClientToken() + " was used by export "
              + earlier.exportName() + " with other parameters within the last 8 hours. Use"
              + " another token, or the same parameters."), null, client);
    }
    if (earlier.result() == null) {
      status.setExportStatus(ExportStatus.PENDING);
      status.setProgress("Waiting for export " + earlier.exportName() + ", which first used this client token");
      export.setStatus(status);
      return StatusPatch.of(export).rescheduleAfter(QUEUE_RECHECK);
    }
    var result = earlier.result();
    result.setObservedGeneration(export.getMetadata().getGeneration());
    result.setJobName(null);
    result.setProgress("The result of export " + earlier.exportName() + ", which first used this client token");
    boolean completed = result.getExportStatus() == ExportStatus.COMPLETED;
    var now = clock.instant();
    result.setConditions(Conditions.set(List.of(), Conditions.COMPLETE, completed,
        completed ? "Completed" : result.getFailureCode(), result.getProgress(), generation(export), now));
    if (!completed) {
      result.setConditions(Conditions.set(result.getConditions(), Conditions.FAILED, true, result.getFailureCode(),
          result.getFailureMessage(), generation(export), now));
    }
    export.setStatus(result);
    events.record(client, export, completed ? Events.Reason.Completed : Events.Reason.Failed,
        "Resolved by its client token to export " + earlier.exportName() + " (" + result.getExportArn() + ")");
    return patchEnded(export);
  }

  /** An export that first used its token records its result there, for later uses of the token. */
  private void recordTokenResult(TableExport export, KubernetesClient client) {
    if (export.getSpec().getClientToken() == null) {
      return;
    }
    var use = ClientTokens.find(client, export);
    if (use.isPresent() && use.get().exportName().equals(export.getMetadata().getName())) {
      ClientTokens.record(client, export, use.get().ended(export.getStatus()), clock.instant());
    }
  }

  UpdateControl<TableExport> queued(
      TableExport export, TableExportStatus status, int place, int maxRunning, KubernetesClient client) {
    var message = "Waiting in the queue at position " + place + ": at most "
        + maxRunning + " exports run at once";
    boolean newlyQueued = status.getConditions() == null || status.getConditions().stream()
        .noneMatch(c -> c.getType().equals(Conditions.QUEUED) && c.getStatus().equals("True"));
    status.setExportStatus(ExportStatus.PENDING);
    status.setProgress(message);
    status.setObservedGeneration(export.getMetadata().getGeneration());
    status.setConditions(Conditions.set(status.getConditions(), Conditions.QUEUED, true, "ConcurrencyLimit",
        message, generation(export), clock.instant()));
    export.setStatus(status);
    if (newlyQueued) {
      events.record(client, export, Events.Reason.Queued, message);
    }
    return StatusPatch.of(export).rescheduleAfter(QUEUE_RECHECK);
  }

  UpdateControl<TableExport> completed(
      TableExport export, ExportDescription description, KubernetesClient client) {
    var status = export.getStatus();
    copy(description, status);
    status.setExportStatus(ExportStatus.COMPLETED);
    status.setProgress(null);
    var now = clock.instant();
    if (status.getEndTime() == null) {
      status.setEndTime(now.truncatedTo(ChronoUnit.MILLIS).toString());
    }
    // A store may leave the manifest out (moto does); the export's ARN then says where it is.
    var message = description.itemCount() + " items exported to "
        + (description.exportManifest() != null ? description.exportManifest() : status.getExportArn());
    status.setConditions(Conditions.set(status.getConditions(), Conditions.COMPLETE, true, "Completed",
        message, generation(export), now));
    recordTokenResult(export, client);
    if (events.record(client, export, Events.Reason.Completed, message)) {
      LOG.info("Export {} completed: {} items", export.getMetadata().getName(), description.itemCount());
      metrics.exportEnded("COMPLETED", duration(status), orZero(description.itemCount()),
          orZero(description.billedSizeBytes()));
    }
    return patchEnded(export);
  }

  /** Patches a finished export's status, and comes back to delete it when its history ends. */
  private UpdateControl<TableExport> patchEnded(TableExport export) {
    var patch = StatusPatch.of(export);
    return historyRetention == null ? patch : patch.rescheduleAfter(historyRetention);
  }

  private static Duration duration(TableExportStatus status) {
    return status.getStartTime() == null || status.getEndTime() == null
        ? Duration.ZERO
        : Duration.between(PitrCheck.instant(status.getStartTime()), PitrCheck.instant(status.getEndTime()));
  }

  UpdateControl<TableExport> failed(TableExport export, ExportFailure failure,
      ExportDescription description, KubernetesClient client) {
    var now = clock.instant();
    var status = export.getStatus() == null ? new TableExportStatus() : export.getStatus();
    if (description != null) {
      copy(description, status);
    }
    status.setExportStatus(ExportStatus.FAILED);
    status.setFailureCode(failure.code());
    status.setFailureMessage(failure.message());
    status.setEndTime(status.getEndTime() == null ? now.truncatedTo(ChronoUnit.MILLIS).toString() : status.getEndTime());
    status.setProgress(null);
    status.setObservedGeneration(export.getMetadata().getGeneration());
    status.setConditions(Conditions.set(status.getConditions(), Conditions.COMPLETE, false, failure.code(),
        failure.message(), generation(export), now));
    status.setConditions(Conditions.set(status.getConditions(), Conditions.FAILED, true, failure.code(),
        failure.message(), generation(export), now));
    export.setStatus(status);
    recordTokenResult(export, client);
    if (events.record(client, export, Events.Reason.Failed, failure.code() + ": " + failure.message())) {
      LOG.info("Export {} failed: {}", export.getMetadata().getName(), failure.code());
      metrics.exportEnded("FAILED", duration(status), 0, 0);
    }
    return patchEnded(export);
  }

  /** What the description leaves out (a store may omit times) keeps the value the status had. */
  static void copy(ExportDescription description, TableExportStatus status) {
    status.setExportArn(or(description.exportArn(), status.getExportArn()));
    status.setStartTime(or(text(description.startTime()), status.getStartTime()));
    status.setEndTime(or(text(description.endTime()), status.getEndTime()));
    status.setExportTime(or(text(description.exportTime()), status.getExportTime()));
    status.setExportManifest(description.exportManifest());
    status.setItemCount(description.itemCount());
    status.setBilledSizeBytes(description.billedSizeBytes());
    status.setTableId(description.tableId());
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static long generation(TableExport export) {
    var generation = export.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
