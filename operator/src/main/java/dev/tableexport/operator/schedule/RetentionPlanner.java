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
 * ago than maxAge. Never a running one, nor one the current chain stands on (its base and newest
 * link). With deleteData, a COMPLETED run goes, with its data, only once a newer full export of
 * the schedule has COMPLETED: until then a chain built on it, or the newest full export, still
 * needs it.
 */
final class RetentionPlanner {

  record Removal(ScheduleRun run, boolean deleteData) {}

  private static final Comparator<ScheduleRun> NEWEST_FIRST =
      Comparator.comparing(RetentionPlanner::time).reversed();

  List<Removal> plan(ScheduleRetention retention, List<ScheduleRun> runs, Set<String> kept,
      Instant now) {
    if (retention == null) {
      return List.of();
    }
    var ended = runs.stream().filter(ScheduleRun::ended).sorted(NEWEST_FIRST).toList();
    var expired = new LinkedHashSet<ScheduleRun>();
    expired.addAll(beyond(ended.stream().filter(ScheduleRun::completed).toList(),
        retention.getSuccessfulExports()));
    expired.addAll(beyond(ended.stream().filter(ScheduleRun::failed).toList(),
        retention.getFailedExports()));
    if (retention.getMaxAge() != null) {
      var oldest = now.minus(KubeDuration.parse(retention.getMaxAge(), "spec.retention.maxAge"));
      ended.stream().filter(run -> time(run).isBefore(oldest)).forEach(expired::add);
    }
    expired.removeIf(run -> kept.contains(run.name()));
    boolean deleteData = Boolean.TRUE.equals(retention.getDeleteData());
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
