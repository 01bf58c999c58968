package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.ScheduleRetention;
import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which ended runs spec.retention removes: the COMPLETED ones beyond the newest
 * successfulExports, the FAILED ones beyond the newest failedExports, and those scheduled longer
 * ago than maxAge, or that ended longer ago than the operator's history retention. Never a running
 * one, nor one the current chain stands on (its base and newest link) or its compactions need
 * (see CompactionPlanner). With deleteData, a COMPLETED run goes, with its data, only once a newer
 * full export of the schedule (a compaction counts) has COMPLETED: until then a chain built on
 * it, or the newest full export, still needs it.
 */
final class RetentionPlanner {

  record Removal(ScheduleRun run, boolean deleteData) {}

  private static final Comparator<ScheduleRun> NEWEST_FIRST =
      Comparator.comparing(RetentionPlanner::time).reversed();

  /**
   * @param history the operator's history retention: a run that ended longer ago is removed too;
   *     null for none
   * @param kept runs the chain and its compactions need, whatever the retention says
   */
  List<Removal> plan(ScheduleRetention retention, Duration history, List<ScheduleRun> runs,
      Set<String> kept, Instant now) {
    if (retention == null && history == null) {
      return List.of();
    }
    var rules = retention == null ? new ScheduleRetention() : retention;
    var ended = runs.stream().filter(ScheduleRun::ended).sorted(NEWEST_FIRST).toList();
    var expired = new LinkedHashSet<ScheduleRun>();
    expired.addAll(beyond(ended.stream().filter(ScheduleRun::completed).toList(),
        rules.getSuccessfulExports()));
    expired.addAll(beyond(ended.stream().filter(ScheduleRun::failed).toList(),
        rules.getFailedExports()));
    if (rules.getMaxAge() != null) {
      var oldest = now.minus(KubeDuration.parse(rules.getMaxAge(), "spec.retention.maxAge"));
      ended.stream().filter(run -> time(run).isBefore(oldest)).forEach(expired::add);
    }
    if (history != null) {
      ended.stream()
          .filter(run -> run.endTime() != null && run.endTime().plus(history).isBefore(now))
          .forEach(expired::add);
    }
    expired.removeIf(run -> kept.contains(run.name()));
    boolean deleteData = Boolean.TRUE.equals(rules.getDeleteData());
    var removals = new ArrayList<Removal>();
    for (var run : expired) {
      if (!deleteData) {
        removals.add(new Removal(run, false));
      } else if (run.failed() || supersededByFullExport(run, runs)) {
        removals.add(new Removal(run, true));
      }
    }
    return removals;
  }

  /** The runs after the newest {@code count}; none without a count. */
  private static List<ScheduleRun> beyond(List<ScheduleRun> newestFirst, Integer count) {
    return count == null || newestFirst.size() <= count
        ? List.of()
        : newestFirst.subList(count, newestFirst.size());
  }

  private static boolean supersededByFullExport(ScheduleRun run, List<ScheduleRun> runs) {
    return runs.stream()
        .filter(other -> other != run && other.completed() && other.kind() != Kind.LINK)
        .anyMatch(full -> full.reach() != null && !full.reach().isBefore(run.reach()));
  }

  /** When a run was scheduled (a base: the time it exported). */
  private static Instant time(ScheduleRun run) {
    if (run.reach() != null) {
      return run.reach();
    }
    return run.endTime() == null ? Instant.MAX : run.endTime();
  }
}
