package dev.tableexport.operator.schedule;

import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The next run of a full schedule: the latest scheduled time that has come (missed ones before it
 * are skipped, as by a CronJob), exported at exactly that time once it is restorable, or at the
 * latest restorable time once spec.startingDeadline has passed.
 */
final class FullPlanner {

  /** How often a run waiting for its time to become restorable looks again. */
  static final Duration RESTORABLE_RECHECK = Duration.ofSeconds(15);

  /**
   * @param lastScheduled the status' lastScheduleTime: the newest run may have been removed
   */
  Plan plan(ScheduleSettings settings, List<ScheduleRun> runs, Instant lastScheduled, Instant now,
      Optional<RestorableWindow> window) {
    var cron = settings.cron();
    var fulls = runs.stream().filter(run -> run.kind() == Kind.FULL).toList();
    var reference = Stream.concat(
            Stream.of(settings.created(), lastScheduled),
            fulls.stream().map(ScheduleRun::scheduledTime))
        .filter(Objects::nonNull)
        .max(Instant::compareTo)
        .orElse(now);
    Instant due = null;
    for (var time = cron.next(reference); time != null && !time.isAfter(now);
        time = cron.next(time)) {
      due = time;
    }
    if (due == null) {
      var next = cron.next(reference);
      return Plan.waiting(next, next, "Scheduled", "The next run is due at " + next);
    }
    if (settings.suspended()) {
      return Plan.waiting(null, due, "Suspended",
          "spec.suspend is true: no run starts; the run due at " + due + " starts on resume");
    }
    var running = fulls.stream().filter(run -> !run.ended()).findFirst();
    if (!settings.concurrent() && running.isPresent()) {
      return Plan.waiting(null, due, "PreviousRunning", "The run due at " + due + " waits for "
          + running.get().name() + " to end (concurrencyPolicy Forbid)");
    }
    if (window.isPresent() && !window.get().latest().isBefore(due)) {
      return Plan.creating(RunRequest.full(due, due), cron.next(now), "Started the run of " + due);
    }
    var deadline = due.plus(settings.startingDeadline());
    if (now.isBefore(deadline)) {
      var recheck = now.plus(RESTORABLE_RECHECK);
      return Plan.waiting(recheck.isBefore(deadline) ? recheck : deadline, due,
          "WaitingForRestorableTime", "The run due at " + due + " waits until that time is"
              + " restorable (" + window.map(w -> "latest restorable time " + w.latest())
                  .orElse("no restorable window known yet") + "), at most until " + deadline);
    }
    return Plan.creating(RunRequest.full(due, null), cron.next(now), "Scheduled time " + due
        + " was not restorable within spec.startingDeadline: the run exports the latest"
        + " restorable time");
  }
}
