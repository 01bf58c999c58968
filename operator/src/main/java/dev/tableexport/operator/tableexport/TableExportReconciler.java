package dev.tableexport.operator.tableexport;

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
  private static final Duration POD_RECHECK = Duration.ofSeconds(15);

  private final TableExportValidator validator;
  private final TableLookup tables;
  private final ExportJobBuilder jobs;
  private final RunnerAccountCheck runnerAccount;
  private final ExportEvents events;
  private final ExportQueue queue;
  private final ExportStatusUpdates updates;
  private final Duration historyRetention;
  private final OperatorMetrics metrics;
  private final Clock clock;

  public TableExportReconciler(
      OperatorConfig config, TableLookup tables, OperatorMetrics metrics, Clock clock) {
    this.validator = new TableExportValidator(config.minIncrementalWindow());
    this.tables = tables;
    this.jobs = new ExportJobBuilder(config);
    this.runnerAccount = new RunnerAccountCheck(config.runnerServiceAccount());
    this.events = new ExportEvents(clock);
    this.queue = new ExportQueue(config.maxConcurrentExports());
    this.historyRetention = config.historyRetention();
    this.metrics = metrics;
    this.updates = new ExportStatusUpdates(events, metrics, historyRetention, clock);
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
   * days of export metadata), then is deleted, unless history is kept forever; what it exported
   * is never deleted.
   */
  private UpdateControl<TableExport> expireWhenDue(TableExport export, KubernetesClient client) {
    var ended = export.getStatus().getEndTime();
    if (ended == null || historyRetention == null) {
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
    var failure = validator.validate(spec).or(() -> tables.check(spec.getTableArn()));
    var namespace = export.getMetadata().getNamespace();
    var backup = PitrCheck.backupFor(spec,
        client.resources(ContinuousBackup.class).inNamespace(namespace).list().getItems());
    failure = failure.or(() -> PitrCheck.check(spec, backup));
    if (failure.isPresent()) {
      return updates.failed(export, failure.get(), null, client);
    }
    var status = export.getStatus() == null ? new TableExportStatus() : export.getStatus();
    if (spec.getClientToken() != null) {
      var earlier = ClientTokens.find(client, export).filter(use -> use.validAt(now));
      if (earlier.isPresent() && !earlier.get().exportName().equals(export.getMetadata().getName())) {
        return updates.resolvedByToken(export, status, earlier.get(), client);
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
      return updates.queued(export, status, place.getAsInt(), queue.maxRunning(), client);
    }
    var missingAccount = runnerAccount.check(client, namespace);
    if (missingAccount.isPresent()) {
      return updates.failed(export, missingAccount.get(), null, client);
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
    status.setConditions(Conditions.set(status.getConditions(), Conditions.COMPLETE, false, "Running",
        "The export is running in Job " + job.getMetadata().getName(), ExportStatusUpdates.generation(export), now));
    status.setConditions(Conditions.set(status.getConditions(), Conditions.QUEUED, false, "Started",
        "The export has started", ExportStatusUpdates.generation(export), now));
    export.setStatus(status);
    if (created) {
      metrics.exportStarted();
      LOG.info("Export {} started: {}", export.getMetadata().getName(), status.getExportArn());
      events.record(client, export, ExportEvents.Reason.Started,
          "Export " + status.getExportArn() + " is running in Job " + job.getMetadata().getName());
    }
    // Back soon to observe the Job, even if no event of it reaches this controller.
    return UpdateControl.patchStatus(export).rescheduleAfter(POD_RECHECK);
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
      case JobObserver.Completed completed -> updates.completed(export, completed.description(), client);
      case JobObserver.Failed failed -> {
        if (ExportFailure.RUNNER_CANNOT_START.equals(failed.failure().code())) {
          // Its pod would go on trying until the Job's deadline. Suspended, not deleted: a missing
          // Job means one to create again.
          client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
              .withName(job.getMetadata().getName())
              .edit(suspended -> {
                suspended.getSpec().setSuspend(true);
                return suspended;
              });
        }
        yield updates.failed(export, failed.failure(), failed.description(), client);
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
