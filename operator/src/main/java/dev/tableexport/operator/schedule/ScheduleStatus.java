package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.RetentionRemoval;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportScheduleStatus;
import dev.tableexport.operator.engine.PitrCheck;
import dev.tableexport.operator.schedule.RetentionPlanner.Removal;
import dev.tableexport.operator.tableexport.Conditions;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A schedule's next status: its plan, its newest runs, what retention removed, conditions. */
final class ScheduleStatus {

  static final String READY = Conditions.READY;
  static final String DEGRADED = Conditions.DEGRADED;

  /**
   * Runs in the order they are created: by chain, a chain's base first, then by time, a
   * compaction after the link it ends with.
   */
  private static final Comparator<ScheduleRun> CREATION = Comparator
      .comparingInt(ScheduleRun::chain)
      .thenComparing(ScheduleRun::scheduledTime, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(run -> run.kind() == ScheduleRun.Kind.COMPACTION)
      .thenComparingInt(ScheduleRun::attempt);

  private final Clock clock;

  ScheduleStatus(Clock clock) {
    this.clock = clock;
  }

  TableExportScheduleStatus invalid(TableExportSchedule schedule, String message) {
    var status = copy(schedule);
    status.setConditions(Conditions.set(status.getConditions(), READY, false, "InvalidSpec",
        message, generation(schedule), clock.instant()));
    return status;
  }

  TableExportScheduleStatus of(TableExportSchedule schedule, Plan plan, List<ScheduleRun> runs,
      List<Removal> removals) {
    var now = clock.instant();
    var status = copy(schedule);
    status.setNextScheduleTime(plan.nextScheduleTime() == null ? null
        : plan.nextScheduleTime().toString());
    runs.stream().map(ScheduleRun::scheduledTime).filter(Objects::nonNull)
        .max(Instant::compareTo)
        .filter(time -> status.getLastScheduleTime() == null
            || time.isAfter(PitrCheck.instant(status.getLastScheduleTime())))
        .ifPresent(time -> status.setLastScheduleTime(time.toString()));
    var newest = runs.stream().max(CREATION);
    newest.ifPresent(run -> {
      status.setLastExport(run.name());
      status.setLastExportStatus(run.status() == null ? ExportStatus.PENDING : run.status());
    });
    runs.stream().filter(ScheduleRun::completed).max(CREATION)
        .ifPresent(run -> status.setLastSuccessfulExport(run.name()));
    if (plan.chain() != null) {
      status.setChain(plan.chain());
    }
    if (!removals.isEmpty()) {
      var removal = new RetentionRemoval();
      removal.setTime(now.toString());
      removal.setExports(removals.stream().map(r -> r.run().name()).toList());
      removal.setData(removals.stream().filter(Removal::deleteData).map(r -> r.run().name())
          .toList());
      status.setLastRetention(removal);
    }
    var generation = generation(schedule);
    status.setConditions(Conditions.set(status.getConditions(), READY, plan.ready(),
        plan.reason(), plan.message(), generation, now));
    var failed = newest.filter(ScheduleRun::failed);
    status.setConditions(Conditions.set(status.getConditions(), DEGRADED, failed.isPresent(),
        failed.isPresent() ? "RunFailed" : "NoFailedRun",
        failed.map(ScheduleStatus::failure).orElse("The newest run has not failed"),
        generation, now));
    return status;
  }

  private static String failure(ScheduleRun run) {
    var status = run.export().getStatus();
    return "Run " + run.name() + " failed with " + status.getFailureCode() + ": "
        + status.getFailureMessage();
  }

  private static TableExportScheduleStatus copy(TableExportSchedule schedule) {
    var status = new TableExportScheduleStatus();
    var old = schedule.getStatus();
    if (old != null) {
      status.setLastScheduleTime(old.getLastScheduleTime());
      status.setNextScheduleTime(old.getNextScheduleTime());
      status.setLastExport(old.getLastExport());
      status.setLastExportStatus(old.getLastExportStatus());
      status.setLastSuccessfulExport(old.getLastSuccessfulExport());
      status.setChain(old.getChain());
      status.setLastRetention(old.getLastRetention());
      status.setConditions(old.getConditions());
    }
    status.setObservedGeneration(schedule.getMetadata().getGeneration());
    return status;
  }

  private static long generation(TableExportSchedule schedule) {
    var generation = schedule.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
