package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.operator.api.ExportChain;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportScheduleSpec;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.api.TableExportTemplate;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule's planners run against a world the test controls: the clock, the restorable window,
 * and the end of each run (the test plays the TableExport reconciler). It keeps the TableExports
 * a schedule created and its recorded status, as the API server would.
 */
final class ScheduleSimulation {

  final TableExportSchedule schedule = new TableExportSchedule();
  final Map<String, TableExport> exports = new LinkedHashMap<>();
  /** Names of the runs created, in order, including those removed since. */
  final List<String> created = new ArrayList<>();
  private final List<TableExport> history = new ArrayList<>();
  Instant now;
  /** How far the latest restorable time lags behind the clock. */
  Duration lag = Duration.ofSeconds(5);
  Instant earliest;
  List<BackupHole> holes = List.of();
  ExportChain chain;
  Instant lastScheduled;
  Plan plan;
  CompactionPlanner.Compactions compactions = CompactionPlanner.Compactions.NONE;

  ScheduleSimulation(String cron, ExportType type, Instant start) {
    var spec = new TableExportScheduleSpec();
    spec.setSchedule(cron);
    spec.setExportType(type);
    var template = new TableExportTemplate();
    template.setTableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    template.setS3Bucket("exports");
    spec.setTemplate(template);
    schedule.setSpec(spec);
    schedule.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop")
        .withUid("uid-1").withGeneration(1L).withCreationTimestamp(start.toString()).build());
    now = start;
    earliest = start.minus(Duration.ofDays(35));
  }

  TableExportScheduleSpec spec() {
    return schedule.getSpec();
  }

  /**
   * One pass of the reconciler: plans, and creates the run it plans and the chain's compaction;
   * fails on a second create. Returns the run the schedule's planner created.
   */
  Optional<TableExport> pass() {
    var settings = ScheduleSettings.of(schedule);
    var window = Optional.of(new RestorableWindow(earliest, now.minus(lag), holes));
    var runs = runs();
    plan = settings.incremental()
        ? new ChainPlanner().plan(settings, runs, chain, now, window)
        : new FullPlanner().plan(settings, runs, lastScheduled, now, window);
    if (plan.chain() != null) {
      chain = plan.chain();
    }
    compactions = CompactionPlanner.Compactions.NONE;
    if (settings.compactEvery() > 0 && plan.chain() != null) {
      compactions = new CompactionPlanner().plan(settings.compactEvery(),
          plan.chain().getNumber(), runs);
      compactions.create().ifPresent(this::add);
    }
    return plan.create().map(this::add);
  }

  /** What retention must not remove: what the chain and its compactions need. */
  Set<String> kept() {
    var kept = new HashSet<>(plan.kept());
    kept.addAll(compactions.needed());
    return kept;
  }

  private TableExport add(RunRequest run) {
    var export = RunExports.of(schedule, run);
    var name = export.getMetadata().getName();
    assertFalse(exports.containsKey(name), name + " planned twice");
    export.getMetadata().setCreationTimestamp(now.toString());
    exports.put(name, export);
    created.add(name);
    history.add(export);
    var scheduled = run.scheduledTime();
    if (scheduled != null && (lastScheduled == null || scheduled.isAfter(lastScheduled))) {
      lastScheduled = scheduled;
    }
    return export;
  }

  List<ScheduleRun> runs() {
    return exports.values().stream().map(ScheduleRun::of).flatMap(Optional::stream).toList();
  }

  /** Every TableExport still running ends: COMPLETED, a full one at its (resolved) time. */
  void completeRunning() {
    for (var export : exports.values()) {
      if (export.getStatus() == null) {
        end(export.getMetadata().getName(), ExportStatus.COMPLETED);
      }
    }
  }

  void end(String name, ExportStatus outcome) {
    var export = exports.get(name);
    var status = new TableExportStatus();
    status.setExportStatus(outcome);
    status.setEndTime(now.toString());
    status.setExportArn(export.getSpec().getTableArn() + "/export/" + name);
    if (export.getSpec().getIncrementalExportSpecification() == null) {
      status.setExportTime(export.getSpec().getExportTime() != null
          ? export.getSpec().getExportTime() : now.minus(lag).toString());
    }
    if (outcome == ExportStatus.COMPLETED) {
      status.setExportManifest("AWSDynamoDB/" + name + "/manifest-summary.json");
    }
    if (outcome == ExportStatus.FAILED) {
      status.setFailureCode("S3AccessDenied");
      status.setFailureMessage("Access Denied");
    }
    export.setStatus(status);
  }

  /** Advances the clock a minute at a time, a pass each minute, runs ending after a minute. */
  void run(Duration duration) {
    run(duration, Duration.ofMinutes(1));
  }

  /** Advances the clock a step at a time, a pass each step, runs ending after a step. */
  void run(Duration duration, Duration step) {
    var end = now.plus(duration);
    while (now.isBefore(end)) {
      now = now.plus(step);
      completeRunning();
      pass();
    }
  }

  /** The windows [from, to) of the links created, in order. */
  List<Instant[]> windows() {
    return history.stream()
        .filter(export -> export.getSpec().getIncrementalExportSpecification() != null)
        .map(export -> new Instant[] {
            Instant.parse(export.getSpec().getIncrementalExportSpecification().getExportFromTime()),
            Instant.parse(export.getSpec().getIncrementalExportSpecification().getExportToTime())})
        .toList();
  }
}
