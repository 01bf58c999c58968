package dev.tableexport.operator.tableexport;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.engine.EngineOutcome;
import dev.tableexport.operator.engine.EngineSelector;
import dev.tableexport.operator.engine.ExportInformers;
import dev.tableexport.operator.engine.PitrCheck;
import dev.tableexport.operator.engine.TableLookup;
import dev.tableexport.operator.engine.TableSize;
import dev.tableexport.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a TableExport on its engine and writes the outcome into its status. First pass: validate,
 * check the table, pick the engine, check its point-in-time recovery, take a place in the queue,
 * start the export (PENDING). Later passes: observe it on its engine until it ends (COMPLETED or
 * FAILED). A terminal export is never run again.
 */
public final class TableExportReconciler implements Reconciler<TableExport> {

  private static final Logger LOG = LoggerFactory.getLogger(TableExportReconciler.class);

  private final TableExportValidator validator;
  private final TableLookup tables;
  private final EngineSelector engines;
  private final Events events;
  private final ExportQueue queue;
  private final ExportStatusUpdates updates;
  private final Duration historyRetention;
  private final OperatorMetrics metrics;
  private final Clock clock;

  public TableExportReconciler(OperatorConfig config, TableLookup tables, EngineSelector engines,
      OperatorMetrics metrics, Clock clock) {
    this.validator = new TableExportValidator(config.minIncrementalWindow());
    this.tables = tables;
    this.engines = engines;
    this.events = new Events(clock);
    this.queue = new ExportQueue(config.maxConcurrentExports());
    this.historyRetention = config.historyRetention();
    this.metrics = metrics;
    this.updates = new ExportStatusUpdates(events, metrics, historyRetention, clock);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TableExport>> prepareEventSources(EventSourceContext<TableExport> context) {
    return ExportInformers.eventSources(context);
  }

  @Override
  public UpdateControl<TableExport> reconcile(TableExport export, Context<TableExport> context) {
    return StatusPatch.clearingError(export, step(export, context));
  }

  /** DescribeTable, the token record or a store unreachable: a condition, and a backoff. */
  @Override
  public ErrorStatusUpdateControl<TableExport> updateErrorStatus(
      TableExport export, Context<TableExport> context, Exception e) {
    return StatusPatch.error(StatusPatch.latest(context.getClient(), export),
        TableExportStatus::new, context.getRetryInfo(), e, clock);
  }

  private UpdateControl<TableExport> step(TableExport export, Context<TableExport> context) {
    var status = export.getStatus();
    var client = context.getClient();
    if (status != null && status.getExportStatus() != null && status.getExportStatus() != ExportStatus.PENDING) {
      return expireWhenDue(export, client);
    }
    if (status == null || !ExportQueue.started(status)) {
      return start(export, context);
    }
    var outcome = engines.engine(status.getEngine()).observe(export, context);
    return apply(export, outcome, context.getClient());
  }

  /**
   * A finished export stays as history for the configured time after it ended (DynamoDB keeps 90
   * days of export metadata), then is deleted, unless history is kept forever; what it exported
   * is never deleted. A schedule's run is left to its schedule, which applies the same limit but
   * keeps what its chain still needs.
   */
  private UpdateControl<TableExport> expireWhenDue(TableExport export, KubernetesClient client) {
    var ended = export.getStatus().getEndTime();
    if (ended == null || historyRetention == null || ofSchedule(export)) {
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

  private static boolean ofSchedule(TableExport export) {
    var owners = export.getMetadata().getOwnerReferences();
    return owners != null && owners.stream()
        .anyMatch(owner -> HasMetadata.getKind(TableExportSchedule.class).equals(owner.getKind())
            && owner.getApiVersion().startsWith(TableExport.GROUP + "/"));
  }

  private UpdateControl<TableExport> start(TableExport export, Context<TableExport> context) {
    var now = clock.instant();
    var client = context.getClient();
    var spec = export.getSpec();
    var failure = validator.validate(spec);
    TableSize size = null;
    if (failure.isEmpty() && spec.getCompactionOf() == null) { // a compaction reads only S3
      var table = tables.check(spec.getTableArn());
      failure = table.failure();
      size = table.size();
    }
    if (failure.isPresent()) {
      return updates.failed(export, failure.get(), null, client);
    }
    var backups = ExportInformers.backups(export, context);
    var selection = engines.select(export, backups);
    var engine = selection.engine();
    var status = export.getStatus() == null ? new TableExportStatus() : export.getStatus();
    status.setEngine(engine.kind());
    export.setStatus(status);
    failure = engine.check(export, backups);
    if (failure.isPresent()) {
      return updates.failed(export, failure.get(), null, client);
    }
    if (spec.getClientToken() != null) {
      var name = export.getMetadata().getName();
      var holder = ClientTokens.find(client, export).filter(use -> use.validAt(now))
          .orElseGet(() -> ClientTokens.claim(client, export,
              new ClientTokens.Use(ClientTokens.parameters(spec), name, null, null), now));
      if (!holder.exportName().equals(name)) {
        return updates.resolvedByToken(export, status, holder, client);
      }
    }
    var others = context.getPrimaryCache().list().toList();
    metrics.queueLength(queue.queued(others));
    var place = queue.placeOf(export, others);
    if (place.isPresent()) {
      return updates.queued(export, status, place.getAsInt(), queue.maxRunning(), client);
    }
    if (status.getStartTime() == null) {
      status.setStartTime(now.truncatedTo(ChronoUnit.MILLIS).toString());
    }
    var outcome = engine.start(export, status, backups, size, context);
    if (outcome instanceof EngineOutcome.Started started) {
      status.setConditions(Conditions.set(status.getConditions(), Conditions.QUEUED, false, "Started",
          "The export has started on the " + engine.kind() + " engine: " + selection.reason(),
          ExportStatusUpdates.generation(export), now));
      if (started.created() && events.record(client, export, Events.Reason.Started, "Export "
          + status.getExportArn() + " is running " + started.where() + " (" + selection.reason() + ")")) {
        metrics.exportStarted();
        LOG.info("Export {} started {}", export.getMetadata().getName(), started.where());
      }
    }
    return apply(export, outcome, client);
  }

  /** Writes an engine's outcome into the status, and comes back when the export may have moved. */
  private UpdateControl<TableExport> apply(TableExport export, EngineOutcome outcome, KubernetesClient client) {
    var status = export.getStatus();
    return switch (outcome) {
      case EngineOutcome.Completed completed -> updates.completed(export, completed.description(), client);
      case EngineOutcome.Failed failed -> updates.failed(export, failed.failure(), failed.description(), client);
      case EngineOutcome.Started started -> {
        status.setExportStatus(ExportStatus.PENDING);
        status.setProgress("Running " + started.where());
        status.setObservedGeneration(export.getMetadata().getGeneration());
        status.setConditions(Conditions.set(status.getConditions(), Conditions.COMPLETE, false, "Running",
            "The export is running " + started.where(), ExportStatusUpdates.generation(export), clock.instant()));
        yield StatusPatch.of(export).rescheduleAfter(started.recheck());
      }
      case EngineOutcome.Running running -> {
        if (running.progress().equals(status.getProgress())) {
          yield UpdateControl.<TableExport>noUpdate().rescheduleAfter(running.recheck());
        }
        status.setProgress(running.progress());
        yield StatusPatch.of(export).rescheduleAfter(running.recheck());
      }
    };
  }
}
