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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs a TableExportSchedule: each pass reads the runs it owns (its TableExports) and the table's
 * restorable window, plans the next run (a full export, or the next link of the chain), creates
 * it under its deterministic name, applies the retention and writes the status. The planners are
 * pure; this class only reads and writes the objects.
 */
public final class TableExportScheduleReconciler implements Reconciler<TableExportSchedule> {

  private static final Logger LOG = LoggerFactory.getLogger(TableExportScheduleReconciler.class);

  private final RestorableWindows windows;
  private final ExportData data;
  private final Clock clock;
  private final Duration recheckAtMost;
  private final FullPlanner fulls = new FullPlanner();
  private final ChainPlanner chains = new ChainPlanner();
  private final RetentionPlanner retention = new RetentionPlanner();
  private final ScheduleStatus statuses;

  /** @param recheckAtMost the longest a schedule goes without a pass, whatever its plan says */
  public TableExportScheduleReconciler(NativePitr pitr, S3Client s3, Clock clock,
      Duration recheckAtMost) {
    this.windows = new RestorableWindows(pitr);
    this.data = new ExportData(s3);
    this.clock = clock;
    this.recheckAtMost = recheckAtMost;
    this.statuses = new ScheduleStatus(clock);
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
    ScheduleRun created = null;
    if (plan.create().isPresent()) {
      var export = create(RunExports.of(schedule, plan.create().get()), client);
      LOG.info("Schedule {}: {} ({})", settings.name(), plan.message(),
          export.getMetadata().getName());
      created = ScheduleRun.of(export).orElseThrow();
    }
    var removals = retention.plan(schedule.getSpec().getRetention(), runs, plan.kept(), now);
    for (var removal : removals) {
      remove(removal, client);
    }
    if (created != null) {
      runs.add(created);
    }
    runs.removeIf(run -> removals.stream().anyMatch(removal -> removal.run() == run));
    return patchWhenChanged(schedule, statuses.of(schedule, plan, runs, removals),
        plan.recheckAt() == null ? null : Duration.between(now, plan.recheckAt()));
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
