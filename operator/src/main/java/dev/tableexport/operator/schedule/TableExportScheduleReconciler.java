package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportScheduleStatus;
import dev.tableexport.operator.engine.NativePitr;
import dev.tableexport.operator.engine.PitrCheck;
import dev.tableexport.operator.schedule.RetentionPlanner.Removal;
import dev.tableexport.operator.tableexport.StatusPatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs a TableExportSchedule: each pass reads the runs it owns (its TableExports) and the table's
 * restorable window, plans the next run (a full export, or the next link of the chain) and a
 * chain's next compaction, creates them under their deterministic names, applies the retention,
 * records the events and writes the status. The planners are pure; this class only reads and
 * writes the objects.
 */
public final class TableExportScheduleReconciler implements Reconciler<TableExportSchedule> {

  private static final Logger LOG = LoggerFactory.getLogger(TableExportScheduleReconciler.class);

  private final RestorableWindows windows;
  private final ExportData data;
  private final Clock clock;
  private final Duration recheckAtMost;
  private final FullPlanner fulls = new FullPlanner();
  private final ChainPlanner chains = new ChainPlanner();
  private final CompactionPlanner compactions = new CompactionPlanner();
  private final RetentionPlanner retention = new RetentionPlanner();
  private final ScheduleStatus statuses;
  private final ScheduleEvents events;
  private final Duration history;

  /**
   * @param recheckAtMost the longest a schedule goes without a pass, whatever its plan says
   * @param history how long an ended run stays unless the chain needs it (the operator's history
   *     retention, which leaves a schedule's runs to it); null for ever
   */
  public TableExportScheduleReconciler(NativePitr pitr, S3Client s3, Clock clock,
      Duration recheckAtMost, Duration history) {
    this.windows = new RestorableWindows(pitr);
    this.data = new ExportData(s3);
    this.clock = clock;
    this.recheckAtMost = recheckAtMost;
    this.statuses = new ScheduleStatus(clock);
    this.events = new ScheduleEvents(clock);
    this.history = history;
  }

  @Override
  public List<EventSource<?, TableExportSchedule>> prepareEventSources(
      EventSourceContext<TableExportSchedule> context) {
    return List.of(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(TableExport.class, TableExportSchedule.class)
            .withLabelSelector(ScheduleRun.SCHEDULE_LABEL)
            .build(),
        context));
  }

  @Override
  public UpdateControl<TableExportSchedule> reconcile(TableExportSchedule schedule,
      Context<TableExportSchedule> context) {
    var now = clock.instant();
    ScheduleSettings settings;
    try {
      settings = ScheduleSettings.of(schedule);
    } catch (IllegalArgumentException e) {
      return patchWhenChanged(schedule, statuses.invalid(schedule, e.getMessage()), null);
    }
    var client = context.getClient();
    var runs = new ArrayList<>(context.getSecondaryResources(TableExport.class).stream()
        .map(ScheduleRun::of)
        .flatMap(Optional::stream)
        .toList());
    var type = settings.incremental() ? ExportType.INCREMENTAL_EXPORT : ExportType.FULL_EXPORT;
    var window = windows.of(schedule.getMetadata().getNamespace(),
        RunExports.spec(schedule, type), client);
    var recorded = schedule.getStatus();
    var plan = settings.incremental()
        ? chains.plan(settings, runs, recorded == null ? null : recorded.getChain(), now, window)
        : fulls.plan(settings, runs, recorded == null || recorded.getLastScheduleTime() == null
            ? null : PitrCheck.instant(recorded.getLastScheduleTime()), now, window);
    var created = new ArrayList<ScheduleRun>();
    if (plan.create().isPresent()) {
      created.add(create(schedule, plan.create().get(), plan.message(), client));
    }
    var kept = new HashSet<>(plan.kept());
    if (settings.compactEvery() > 0 && plan.chain() != null) {
      var compactions = this.compactions.plan(settings.compactEvery(), plan.chain().getNumber(),
          runs);
      kept.addAll(compactions.needed());
      compactions.create().ifPresent(run -> created.add(create(schedule, run, null, client)));
      events.compacted(client, schedule, compactions.last());
      compactions.last().ifPresent(last -> {
        plan.chain().setLastCompaction(last.name());
        plan.chain().setLastCompactionTime(last.scheduledTime().toString());
      });
    }
    events.broken(client, schedule, plan);
    var removals = retention.plan(schedule.getSpec().getRetention(), history, runs, kept, now);
    for (var removal : removals) {
      remove(removal, client);
    }
    events.removed(client, schedule, removals);
    runs.addAll(created);
    runs.removeIf(run -> removals.stream().anyMatch(removal -> removal.run() == run));
    return patchWhenChanged(schedule, statuses.of(schedule, plan, runs, removals),
        plan.recheckAt() == null ? null : Duration.between(now, plan.recheckAt()));
  }

  private ScheduleRun create(TableExportSchedule schedule, RunRequest run, String why,
      KubernetesClient client) {
    var export = create(RunExports.of(schedule, run), client);
    var name = export.getMetadata().getName();
    LOG.info("Schedule {}: {} ({})", schedule.getMetadata().getName(),
        why == null ? "compaction" : why, name);
    events.created(client, schedule, run, name, why);
    return ScheduleRun.of(export).orElseThrow();
  }

  /** Creates the run; one that exists already (a pass whose cache lagged) is that run. */
  private static TableExport create(TableExport export, KubernetesClient client) {
    try {
      return client.resource(export).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return export;
    }
  }

  private void remove(Removal removal, KubernetesClient client) {
    var export = removal.run().export();
    if (removal.deleteData()) {
      data.delete(export);
    }
    LOG.info("Retention: deleting TableExport {}{}", export.getMetadata().getName(),
        removal.deleteData() ? " and its data" : "");
    client.resource(export).delete();
  }

  private UpdateControl<TableExportSchedule> patchWhenChanged(TableExportSchedule schedule,
      TableExportScheduleStatus status, Duration recheck) {
    var after = recheck == null || recheck.compareTo(recheckAtMost) > 0 ? recheckAtMost : recheck;
    if (after.isNegative() || after.isZero()) {
      after = Duration.ofMillis(1);
    }
    if (status.equals(schedule.getStatus())) {
      return UpdateControl.<TableExportSchedule>noUpdate().rescheduleAfter(after);
    }
    schedule.setStatus(status);
    return StatusPatch.of(schedule).rescheduleAfter(after);
  }
}
