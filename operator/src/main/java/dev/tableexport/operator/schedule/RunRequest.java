package dev.tableexport.operator.schedule;

import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A run to create. Its name follows from the schedule and what it is, never from the clock, so a
 * restarted operator asks for the same name and the API server's AlreadyExists says it exists.
 *
 * @param scheduledTime a full run's scheduled time, a link's exportToTime; null for a base
 * @param from a link's exportFromTime
 * @param exportTime a full run's exportTime; null for the latest restorable time
 */
record RunRequest(
    Kind kind, int chain, int attempt, Instant scheduledTime, Instant from, Instant exportTime) {

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  static RunRequest full(Instant scheduledTime, Instant exportTime) {
    return new RunRequest(Kind.FULL, 0, 1, scheduledTime, null, exportTime);
  }

  static RunRequest base(int chain, int attempt) {
    return new RunRequest(Kind.BASE, chain, attempt, null, null, null);
  }

  static RunRequest link(int chain, int attempt, Instant from, Instant to) {
    return new RunRequest(Kind.LINK, chain, attempt, to, from, null);
  }

  /** A link's exportToTime. */
  Instant to() {
    return scheduledTime;
  }

  /** nightly-20260114-020000, nightly-c1-base, nightly-c1-20260114-101500-r2. */
  String name(String schedule) {
    var name = new StringBuilder(schedule);
    if (kind != Kind.FULL) {
      name.append("-c").append(chain);
    }
    name.append('-').append(kind == Kind.BASE ? "base" : NAME_TIME.format(scheduledTime));
    if (attempt > 1) {
      name.append("-r").append(attempt);
    }
    return name.toString();
  }
}
