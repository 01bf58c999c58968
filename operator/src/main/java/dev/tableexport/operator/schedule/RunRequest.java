package dev.tableexport.operator.schedule;

import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A run to create. Its name follows from the schedule and what it is, never from the clock, so a
 * restarted operator asks for the same name and the API server's AlreadyExists says it exists.
 *
 * @param scheduledTime a full run's scheduled time, a link's exportToTime, a compaction's export
 *     time; null for a base
 * @param from a link's exportFromTime
 * @param exportTime a full run's or compaction's exportTime; null for the latest restorable time
 * @param manifests what a compaction reads: its base's manifest, then its links', in order
 */
record RunRequest(Kind kind, int chain, int attempt, Instant scheduledTime, Instant from,
    Instant exportTime, List<String> manifests) {

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  static RunRequest full(Instant scheduledTime, Instant exportTime) {
    return new RunRequest(Kind.FULL, 0, 1, scheduledTime, null, exportTime, List.of());
  }

  static RunRequest base(int chain, int attempt) {
    return new RunRequest(Kind.BASE, chain, attempt, null, null, null, List.of());
  }

  static RunRequest link(int chain, int attempt, Instant from, Instant to) {
    return new RunRequest(Kind.LINK, chain, attempt, to, from, null, List.of());
  }

  /** Made once per export time: a failed one is not retried (see CompactionPlanner). */
  static RunRequest compaction(int chain, Instant exportTime, List<String> manifests) {
    return new RunRequest(Kind.COMPACTION, chain, 1, exportTime, null, exportTime,
        List.copyOf(manifests));
  }

  /** A link's exportToTime. */
  Instant to() {
    return scheduledTime;
  }

  /**
   * nightly-20260114-020000, nightly-c1-base, nightly-c1-20260114-101500-r2,
   * nightly-c1-compact-20260114-111500.
   */
  String name(String schedule) {
    var name = new StringBuilder(schedule);
    if (kind != Kind.FULL) {
      name.append("-c").append(chain);
    }
    if (kind == Kind.COMPACTION) {
      name.append("-compact");
    }
    name.append('-').append(kind == Kind.BASE ? "base" : NAME_TIME.format(scheduledTime));
    if (attempt > 1) {
      name.append("-r").append(attempt);
    }
    return name.toString();
  }
}
