package dev.tableexport.operator.tableexport;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a TableExport into one runner Job and the Job's outcome into the export's status. First
 * pass: validate, check the table and its point-in-time recovery, assign the ExportArn, create the
 * Job (PENDING). Later passes: observe the Job until it ends (COMPLETED or FAILED). A terminal
 * export is never run again.
 */
public final class TableExportReconciler implements Reconciler<TableExport> {

  private static final Logger LOG = LoggerFactory.getLogger(TableExportReconciler.class);
  private static final Duration QUEUE_RECHECK = Duration.ofSeconds(2);
  private static final Duration POD_RECHECK = Duration.ofSeconds(15);

  private final TableExportValidator validator;
  private final TableLookup tables;
  private final ExportJobBuilder jobs;
  private final ExportEvents events;
  private final ExportQueue queue;
  private final Duration historyRetention;
  private final OperatorMetrics metrics;
  private final Clock clock;

  public TableExportReconciler(
      OperatorConfig config, TableLookup tables, OperatorMetrics metrics, Clock clock) {
    this.validator = new TableExportValidator(config.minIncrementalWindow());
    this.tables = tables;
    this.jobs = new ExportJobBuilder(config);
    this.events = new ExportEvents(clock);
    this.queue = new ExportQueue(config.maxConcurrentExports());
    this.historyRetention = config.historyRetention();
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TableExport>> prepareEventSources(EventSourceContext<TableExport> context) {
    return List.of(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Job.class, TableExport.class).build(), context));
  }

  @Override
  public UpdateControl<TableExport> reconcile(TableExport export, Context<TableExport> context) {
    var status = export.getStatus();
    var client = context.getClient();
    if (status != null && status.getExportStatus() != null && status.getExportStatus() != ExportStatus.PENDING) {
      return expireWhenDue(export, client);
    }
    if (status == null || status.getJobName() == null) {
      return start(export, client, context.getPrimaryCache().list().toList());
    }
    var job = context.getSecondaryResource(Job.class);
    if (job.isEmpty()) {
      // Not in the cache yet, or deleted while the export ran: then run it again, same ExportArn.
      return start(export, client, List.of());
    }
    return observe(export, job.get(), client);
  }

  /**
   * A finished export stays as history for the configured time after it ended (DynamoDB keeps 90
   * days of export metadata), then is deleted; what it exported is never deleted.
   */
  private UpdateControl<TableExport> expireWhenDue(TableExport export, KubernetesClient client) {
    var ended = export.getStatus().getEndTime();
    if (ended == null) {
      return UpdateControl.noUpdate();
    }
    var remaining = Duration.between(clock.instant(), PitrCheck.instant(ended).plus(historyRetention));
    if (remaining.isNegative() || remaining.isZero()) {
      LOG.info("Export {} ended more than {} ago; deleting it", export.getMetadata().getName(), historyRetention);
      client.resource(export).delete();
      return UpdateControl.noUpdate();
    }
    return UpdateControl.<TableExport>noUpdate().rescheduleAfter(remaining);
  }

  /** @param others every export the operator knows, for the queue; empty for a Job to recreate */
  private UpdateControl<TableExport> start(TableExport export, KubernetesClient client, List<TableExport> others) {
    var now = clock.instant();
    var spec = export.getSpec();
    var failure = validator.validate(spec, now).or(() -> tables.check(spec.getTableArn()));
    var namespace = export.getMetadata().getNamespace();
    var backup = PitrCheck.backupFor(spec,
        client.resources(ContinuousBackup.class).inNamespace(namespace).list().getItems());
    failure = failure.or(() -> PitrCheck.check(spec, backup));
    if (failure.isPresent()) {
      return fail(export, failure.get(), null, client);
    }
    var status = export.getStatus() == null ? new TableExportStatus() : export.getStatus();
    if (spec.getClientToken() != null) {
      var earlier = ClientTokens.find(client, export).filter(use -> use.validAt(now));
      if (earlier.isPresent() && !earlier.get().exportName().equals(export.getMetadata().getName())) {
        return resolveByToken(export, status, earlier.get(), client);
      }
      if (earlier.isEmpty()) {
        ClientTokens.record(client, export, new ClientTokens.Use(
            ClientTokens.parameters(spec), export.getMetadata().getName(), null, null));
      }
    }
    if (status.getExportArn() == null) {
      status.setExportArn(spec.getTableArn() + "/export/" + exportId(export));
    }
    if (!others.isEmpty()) {
      metrics.queueLength(queue.queued(others));
    }
    var place = others.isEmpty() ? OptionalInt.empty() : queue.placeOf(export, others);
    if (place.isPresent()) {
      return queued(export, status, place.getAsInt(), client);
    }
    if (status.getStartTime() == null) {
      status.setStartTime(now.truncatedTo(ChronoUnit.MILLIS).toString());
    }
    var job = jobs.build(export, status.getExportArn(), backup.orElseThrow());
    boolean created = createOnce(client, job);
    status.setExportStatus(ExportStatus.PENDING);
    status.setJobName(job.getMetadata().getName());
    status.setProgress("Job " + job.getMetadata().getName() + " created");
    status.setObservedGeneration(export.getMetadata().getGeneration());
    status.setConditions(Conditions.set(status.getConditions(), "Complete", false, "Running",
        "The export is running in Job " + job.getMetadata().getName(), generation(export), now));
    status.setConditions(Conditions.set(status.getConditions(), "Queued", false, "Started",
        "The export has started", generation(export), now));
    export.setStatus(status);
    if (created) {
      metrics.exportStarted();
      LOG.info("Export {} started: {}", export.getMetadata().getName(), status.getExportArn());
      events.record(client, export, ExportEvents.Reason.Started,
          "Export " + status.getExportArn() + " is running in Job " + job.getMetadata().getName());
    }
    return UpdateControl.patchStatus(export);
  }

  /**
   * Step 4: the token was used within 8 hours by another export. With the same parameters this
   * export is that export (its result, once it has one, and no Job); with others it is a conflict.
   */
  private UpdateControl<TableExport> resolveByToken(
      TableExport export, TableExportStatus status, ClientTokens.Use earlier, KubernetesClient client) {
    if (!earlier.parameters().equals(ClientTokens.parameters(export.getSpec()))) {
      return fail(export, new ExportFailure(ExportFailure.EXPORT_CONFLICT,
          "Client token " + export.getSpec().getClientToken() + " was used by export "
              + earlier.exportName() + " with other parameters within the last 8 hours. Use"
              + " another token, or the same parameters."), null, client);
    }
    if (earlier.result() == null) {
      status.setExportStatus(ExportStatus.PENDING);
      status.setProgress("Waiting for export " + earlier.exportName() + ", which first used this client token");
      export.setStatus(status);
      return UpdateControl.patchStatus(export).rescheduleAfter(QUEUE_RECHECK);
    }
    var result = earlier.result();
    result.setObservedGeneration(export.getMetadata().getGeneration());
    result.setJobName(null);
    result.setProgress("The result of export " + earlier.exportName() + ", which first used this client token");
    boolean completed = result.getExportStatus() == ExportStatus.COMPLETED;
    var now = clock.instant();
    result.setConditions(Conditions.set(List.of(), "Complete", completed,
        completed ? "Completed" : result.getFailureCode(), result.getProgress(), generation(export), now));
    if (!completed) {
      result.setConditions(Conditions.set(result.getConditions(), "Failed", true, result.getFailureCode(),
          result.getFailureMessage(), generation(export), now));
    }
    export.setStatus(result);
    events.record(client, export, completed ? ExportEvents.Reason.Completed : ExportEvents.Reason.Failed,
        "Resolved by its client token to export " + earlier.exportName() + " (" + result.getExportArn() + ")");
    return UpdateControl.patchStatus(export).rescheduleAfter(historyRetention);
  }

  /** An export that first used its token records its result there, for later uses of the token. */
  private void recordTokenResult(TableExport export, KubernetesClient client) {
    if (export.getSpec().getClientToken() == null) {
      return;
    }
    var use = ClientTokens.find(client, export);
    if (use.isPresent() && use.get().exportName().equals(export.getMetadata().getName())) {
      ClientTokens.record(client, export, new ClientTokens.Use(use.get().parameters(),
          export.getMetadata().getName(), export.getStatus().getEndTime(), export.getStatus()));
    }
  }

  private UpdateControl<TableExport> queued(
      TableExport export, TableExportStatus status, int place, KubernetesClient client) {
    var message = "Waiting in the queue at position " + place + ": at most "
        + queue.maxRunning() + " exports run at once";
    boolean newlyQueued = status.getConditions() == null || status.getConditions().stream()
        .noneMatch(c -> c.getType().equals("Queued") && c.getStatus().equals("True"));
    status.setExportStatus(ExportStatus.PENDING);
    status.setProgress(message);
    status.setObservedGeneration(export.getMetadata().getGeneration());
    status.setConditions(Conditions.set(status.getConditions(), "Queued", true, "ConcurrencyLimit",
        message, generation(export), clock.instant()));
    export.setStatus(status);
    if (newlyQueued) {
      events.record(client, export, ExportEvents.Reason.Queued, message);
    }
    return UpdateControl.patchStatus(export).rescheduleAfter(QUEUE_RECHECK);
  }

  /**
   * Creates the Job unless it exists (its name is the export's, so there is never a second);
   * returns whether this call created it.
   */
  private static boolean createOnce(KubernetesClient client, Job job) {
    var jobs = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace());
    if (jobs.withName(job.getMetadata().getName()).get() != null) {
      return false;
    }
    try {
      jobs.resource(job).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return false;
    }
  }

  private UpdateControl<TableExport> observe(TableExport export, Job job, KubernetesClient client) {
    List<Pod> pods = client.pods().inNamespace(export.getMetadata().getNamespace())
        .withLabel("job-name", job.getMetadata().getName()).list().getItems();
    var outcome = JobObserver.observe(job, pods);
    return switch (outcome) {
      case JobObserver.Completed completed -> complete(export, completed.description(), client);
      case JobObserver.Failed failed -> {
        if (JobObserver.CANNOT_START_CODE.equals(failed.failure().code())) {
          client.resource(job).delete(); // its pod would go on pulling until the Job's deadline
        }
        yield fail(export, failed.failure(), failed.description(), client);
      }
      case JobObserver.Running running -> {
        // Pods are looked at again soon: one that cannot start changes nothing on its Job.
        if (running.progress().equals(export.getStatus().getProgress())) {
          yield UpdateControl.<TableExport>noUpdate().rescheduleAfter(POD_RECHECK);
        }
        export.getStatus().setProgress(running.progress());
        yield UpdateControl.patchStatus(export).rescheduleAfter(POD_RECHECK);
      }
    };
  }

  private UpdateControl<TableExport> complete(
      TableExport export, ExportDescription description, KubernetesClient client) {
    var status = export.getStatus();
    copy(description, status);
    status.setExportStatus(ExportStatus.COMPLETED);
    status.setProgress(null);
    status.setConditions(Conditions.set(status.getConditions(), "Complete", true, "Completed",
        description.itemCount() + " items exported to " + description.exportManifest(),
        generation(export), clock.instant()));
    LOG.info("Export {} completed: {} items", export.getMetadata().getName(), description.itemCount());
    events.record(client, export, ExportEvents.Reason.Completed,
        description.itemCount() + " items exported to " + description.exportManifest());
    recordTokenResult(export, client);
    metrics.exportEnded("COMPLETED", duration(status), description.itemCount(), description.billedSizeBytes());
    return UpdateControl.patchStatus(export).rescheduleAfter(historyRetention);
  }

  private static Duration duration(TableExportStatus status) {
    return status.getStartTime() == null || status.getEndTime() == null
        ? Duration.ZERO
        : Duration.between(PitrCheck.instant(status.getStartTime()), PitrCheck.instant(status.getEndTime()));
  }

  private UpdateControl<TableExport> fail(TableExport export, ExportFailure failure,
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
    status.setConditions(Conditions.set(status.getConditions(), "Complete", false, failure.code(),
        failure.message(), generation(export), now));
    status.setConditions(Conditions.set(status.getConditions(), "Failed", true, failure.code(),
        failure.message(), generation(export), now));
    export.setStatus(status);
    LOG.info("Export {} failed: {}", export.getMetadata().getName(), failure.code());
    events.record(client, export, ExportEvents.Reason.Failed, failure.code() + ": " + failure.message());
    recordTokenResult(export, client);
    metrics.exportEnded("FAILED", duration(status), 0, 0);
    return UpdateControl.patchStatus(export).rescheduleAfter(historyRetention);
  }

  private static void copy(ExportDescription description, TableExportStatus status) {
    status.setExportArn(description.exportArn());
    status.setStartTime(text(description.startTime()));
    status.setEndTime(text(description.endTime()));
    status.setExportTime(text(description.exportTime()));
    status.setExportManifest(description.exportManifest());
    status.setItemCount(description.itemCount());
    status.setBilledSizeBytes(description.billedSizeBytes());
    status.setTableId(description.tableId());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static long generation(TableExport export) {
    var generation = export.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  /**
   * As DynamoDB forms them, 14-digit epoch milliseconds, a dash, 8 hex characters, but derived
   * from the object (its creation time and uid), so that an operator restarted before it wrote the
   * status assigns the same ExportArn as the Job it already created.
   */
  static String exportId(TableExport export) {
    var created = Instant.parse(export.getMetadata().getCreationTimestamp());
    var uid = export.getMetadata().getUid().replace("-", "");
    return String.format(Locale.ROOT, "%014d-%s", created.toEpochMilli(), uid.substring(0, 8));
  }
}
