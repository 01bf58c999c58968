package dev.tableexport.operator.schedule;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.operator.api.ExportChain;
import dev.tableexport.operator.engine.PitrCheck;
import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The next link of an incremental chain. Link n exports from exactly where link n-1 ended; the
 * first from the chain's base (a full export, or spec.chainStart). A failed link is retried over
 * the same window at the next scheduled time; a period with missed runs (the operator down, the
 * schedule suspended, a link failing) is exported in contiguous windows of 15 minutes to 24
 * hours, as DynamoDB takes. Everything is derived from the runs the schedule owns, with its
 * recorded chain for links already removed, so a restarted operator continues where it was.
 */
final class ChainPlanner {

  static final Duration MIN_WINDOW = Duration.ofMinutes(15);
  static final Duration MAX_WINDOW = Duration.ofHours(24);
  /** How often a link waiting for its end to become restorable looks again. */
  static final Duration RESTORABLE_RECHECK = Duration.ofSeconds(15);

  private static final Comparator<ScheduleRun> NEWEST_LINK =
      Comparator.comparing(ScheduleRun::from).thenComparingInt(ScheduleRun::attempt);

  /** @param recorded the status' chain: what the runs no longer show once retention removed them */
  Plan plan(ScheduleSettings settings, List<ScheduleRun> runs, ExportChain recorded, Instant now,
      Optional<RestorableWindow> window) {
    int number = runs.stream().mapToInt(ScheduleRun::chain).max().orElse(1);
    if (recorded != null && recorded.getNumber() != null) {
      number = Math.max(number, recorded.getNumber());
    }
    int chain = number;
    var mine = runs.stream().filter(run -> run.chain() == chain).toList();
    var sameChain =
        recorded != null && recorded.getNumber() != null && recorded.getNumber() == chain;
    var status = new ExportChain();
    status.setNumber(chain);
    var kept = new HashSet<String>();

    Instant baseTime;
    if (chain == 1 && settings.chainStart() != null) {
      baseTime = settings.chainStart();
    } else {
      var base = mine.stream().filter(run -> run.kind() == Kind.BASE)
          .max(Comparator.comparingInt(ScheduleRun::attempt));
      var compacted = mine.stream()
          .anyMatch(run -> run.kind() == Kind.COMPACTION && run.completed());
      if (base.isPresent() && !compacted) {
        kept.add(base.get().name());
      }
      if (base.isPresent() && base.get().completed() && base.get().exportTime() != null) {
        baseTime = base.get().exportTime();
        status.setBase(base.get().name());
      } else if (base.isEmpty() && sameChain && recorded.getBaseTime() != null) {
        baseTime = PitrCheck.instant(recorded.getBaseTime());
        status.setBase(recorded.getBase());
      } else {
        return baseRun(settings, chain, base, now, window).withChain(status, kept);
      }
    }
    status.setBaseTime(baseTime.toString());

    var last = mine.stream().filter(run -> run.kind() == Kind.LINK).max(NEWEST_LINK);
    last.ifPresent(run -> kept.add(run.name()));
    var head = baseTime;
    if (sameChain && recorded.getHeadTime() != null) {
      head = later(head, PitrCheck.instant(recorded.getHeadTime()));
    }
    var recordedHead = head;
    var linked = sameChain && recorded.getLinks() != null ? recorded.getLinks() : 0;
    var newlyCompleted = mine.stream()
        .filter(run -> run.kind() == Kind.LINK && run.completed() && run.to().isAfter(recordedHead))
        .toList();
    for (var run : newlyCompleted) {
      head = later(head, run.to());
    }
    status.setHeadTime(head.toString());
    status.setLinks(linked + newlyCompleted.size());

    if (last.isPresent() && !last.get().ended()) {
      return Plan.waiting(null, settings.cron().next(now), "LinkRunning",
          "Link " + last.get().name() + " is exporting "
              + window(last.get().from(), last.get().to()))
          .withChain(status, kept);
    }
    if (last.isPresent() && last.get().failed() && last.get().to().isAfter(head)) {
      return retry(settings, chain, last.get(), now, window).withChain(status, kept);
    }
    return nextLink(settings, chain, head, now, window).withChain(status, kept);
  }

  private Plan baseRun(ScheduleSettings settings, int chain, Optional<ScheduleRun> base,
      Instant now, Optional<RestorableWindow> window) {
    if (base.isPresent() && !base.get().ended()) {
      return Plan.waiting(null, null, "BaseRunning",
          "The chain's base, full export " + base.get().name() + ", is running");
    }
    Instant due = now;
    int attempt = 1;
    if (base.isPresent()) {
      attempt = base.get().attempt() + 1;
      due = settings.cron().next(ended(base.get(), now));
    }
    if (settings.suspended()) {
      return Plan.waiting(null, due, "Suspended", "spec.suspend is true: the chain's base does"
          + " not start");
    }
    if (due.isAfter(now)) {
      return Plan.waiting(due, due, "BaseFailed", "The chain's base, full export "
          + base.get().name() + ", failed; it is retried at " + due);
    }
    if (window.isEmpty()) {
      return Plan.stopped("NotRestorable", "The table has no restorable window yet: give it"
          + " point-in-time recovery (a ContinuousBackup in this namespace, or the store's own)");
    }
    return Plan.creating(RunRequest.base(chain, attempt), null,
        "Started the base of chain " + chain + ", a full export at the latest restorable time");
  }

  private Plan retry(ScheduleSettings settings, int chain, ScheduleRun failed, Instant now,
      Optional<RestorableWindow> window) {
    var due = settings.cron().next(ended(failed, now));
    var what = window(failed.from(), failed.to());
    if (settings.suspended()) {
      return Plan.waiting(null, due, "Suspended",
          "spec.suspend is true: the failed link over " + what + " is retried on resume");
    }
    if (due.isAfter(now)) {
      return Plan.waiting(due, due, "LinkFailed",
          "Link " + failed.name() + " failed; its window " + what + " is retried at " + due);
    }
    var broken = broken(settings, chain, failed.from(), failed.to(), window);
    if (broken.isPresent()) {
      return broken.get();
    }
    return Plan.creating(RunRequest.link(chain, failed.attempt() + 1, failed.from(), failed.to()),
        settings.cron().next(now),
        "Retrying the window " + what + " of failed link " + failed.name());
  }

  private Plan nextLink(ScheduleSettings settings, int chain, Instant from, Instant now,
      Optional<RestorableWindow> window) {
    var broken = broken(settings, chain, from, null, window);
    if (broken.isPresent()) {
      return broken.get();
    }
    var latest = window.map(RestorableWindow::latest).orElse(from);
    var bound = latest.isBefore(now) ? latest : now;
    var end = end(settings.cron(), from, bound);
    if (end.to() == null) {
      var due = end.due();
      if (settings.suspended()) {
        return Plan.waiting(null, due, "Suspended", "spec.suspend is true: the chain continues"
            + " from " + from + " on resume, without a gap");
      }
      if (due.isAfter(now)) {
        return Plan.waiting(due, due, "Scheduled",
            "The next link, from " + from + ", is due at " + due);
      }
      return Plan.waiting(now.plus(RESTORABLE_RECHECK), due, "WaitingForRestorableTime",
          "The next link, from " + from + " to " + due + ", waits until " + due + " is restorable ("
              + window.map(w -> "latest restorable time " + w.latest())
                  .orElse("no restorable window known")
              + ")");
    }
    if (settings.suspended()) {
      return Plan.waiting(null, end.to(), "Suspended", "spec.suspend is true: the chain continues"
          + " from " + from + " on resume, without a gap");
    }
    broken = broken(settings, chain, from, end.to(), window);
    if (broken.isPresent()) {
      return broken.get();
    }
    return Plan.creating(RunRequest.link(chain, 1, from, end.to()), settings.cron().next(now),
        "Started the link " + window(from, end.to()));
  }

  /**
   * The chain cannot go on from {@code from} once the restorable window has moved past it, nor
   * over a hole in it (the next window being [from, to), when known).
   */
  private Optional<Plan> broken(ScheduleSettings settings, int chain, Instant from, Instant to,
      Optional<RestorableWindow> window) {
    if (window.isEmpty()) {
      return Optional.empty();
    }
    String message;
    var hole = to == null ? Optional.<BackupHole>empty()
        : BackupHole.touching(window.get().holes(), from, to);
    if (from.isBefore(window.get().earliest())) {
      message = "Chain " + chain + " ends at " + from + ", and the table's restorable window now"
          + " starts at " + window.get().earliest() + ": the changes in between can no longer be"
          + " exported.";
    } else if (hole.isPresent()) {
      message = "The next link of chain " + chain + ", " + window(from, to) + ", overlaps the hole "
          + hole.get() + " of the table's ContinuousBackup: the changes in it cannot be timed"
          + " exactly, so the chain cannot go on.";
    } else {
      return Optional.empty();
    }
    if (settings.rebaseOnGap()) {
      return Optional.of(Plan.creating(RunRequest.base(chain + 1, 1), null,
          message + " spec.rebaseOnGap is true: chain " + (chain + 1)
              + " starts with a full export"));
    }
    return Optional.of(Plan.stopped("ChainBroken", message + " Set spec.rebaseOnGap: true to start"
        + " a new chain with a full export, or create a new schedule."));
  }

  /** The end of the window from {@code from}: null while no end is possible by {@code bound}. */
  record End(Instant to, Instant due) {}

  /**
   * The latest scheduled time by {@code bound}, at least 15 minutes and at most 24 hours after
   * {@code from}; when the schedule has no time in that span, the 24-hour mark, or 15 minutes
   * before the next scheduled time if that is nearer, so the window after it is not too short.
   */
  static End end(Cron cron, Instant from, Instant bound) {
    var first = cron.next(from.plus(MIN_WINDOW).minusNanos(1));
    var limit = from.plus(MAX_WINDOW);
    if (first.isAfter(limit)) {
      var split = first.minus(MIN_WINDOW).isBefore(limit) ? first.minus(MIN_WINDOW) : limit;
      return split.isAfter(bound) ? new End(null, split) : new End(split, split);
    }
    if (first.isAfter(bound)) {
      return new End(null, first);
    }
    var to = first;
    for (var next = cron.next(to); next != null && !next.isAfter(bound) && !next.isAfter(limit);
        next = cron.next(next)) {
      to = next;
    }
    return new End(to, to);
  }

  private static Instant ended(ScheduleRun run, Instant now) {
    return run.endTime() == null ? now : run.endTime();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String window(Instant from, Instant to) {
    return "[" + from + ", " + to + ")";
  }
}
