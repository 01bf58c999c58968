package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.ConcurrencyPolicy;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.engine.PitrCheck;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A schedule's spec, checked and parsed: what the schema cannot check (the cron expression, the
 * time zone, a chain's 15-minute minimum between runs, the length of the name), and again what it
 * can for API servers without CEL (compactEvery's conditions), fails here with an
 * IllegalArgumentException whose message says what to change.
 */
record ScheduleSettings(
    String name,
    Instant created,
    Cron cron,
    boolean suspended,
    boolean incremental,
    Duration startingDeadline,
    Instant chainStart,
    boolean rebaseOnGap,
    boolean concurrent,
    int compactEvery) {

  /** Run names add up to 23 characters, and must fit the 63 of the labels and Job names. */
  static final int MAX_NAME = 40;
  /** How many consecutive runs are checked for the 15-minute minimum between a chain's runs. */
  private static final int RUNS_CHECKED = 500;

  static ScheduleSettings of(TableExportSchedule schedule) {
    var metadata = schedule.getMetadata();
    var spec = schedule.getSpec();
    if (metadata.getName().length() > MAX_NAME) {
      throw new IllegalArgumentException("the name " + metadata.getName() + " is longer than "
          + MAX_NAME + " characters, and the names of its runs would not fit in 63: shorten it");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(spec.getTimeZone() == null ? "UTC" : spec.getTimeZone());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("spec.timeZone " + spec.getTimeZone()
          + " is not an IANA time zone: use one such as UTC, Europe/Paris or America/New_York");
    }
    Cron cron;
    try {
      cron = Cron.parse(spec.getSchedule(), zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spec.schedule: " + e.getMessage());
    }
    boolean incremental = spec.getExportType() == ExportType.INCREMENTAL_EXPORT;
    if (incremental) {
      checkChainInterval(cron, spec.getSchedule());
    }
    int compactEvery = spec.getCompactEvery() == null ? 0 : spec.getCompactEvery();
    if (compactEvery != 0 && (!incremental || spec.getChainStart() != null)) {
      throw new IllegalArgumentException("spec.compactEvery needs exportType INCREMENTAL_EXPORT"
          + " and no spec.chainStart: a compaction starts from the chain's base full export");
    }
    if (compactEvery < 0) {
      throw new IllegalArgumentException("spec.compactEvery must be at least 1, not "
          + compactEvery);
    }
    return new ScheduleSettings(
        metadata.getName(),
        metadata.getCreationTimestamp() == null
            ? null
            : PitrCheck.instant(metadata.getCreationTimestamp()),
        cron,
        Boolean.TRUE.equals(spec.getSuspend()),
        incremental,
        KubeDuration.parse(
            spec.getStartingDeadline() == null ? "15m" : spec.getStartingDeadline(),
            "spec.startingDeadline"),
        spec.getChainStart() == null ? null : PitrCheck.instant(spec.getChainStart()),
        Boolean.TRUE.equals(spec.getRebaseOnGap()),
        spec.getConcurrencyPolicy() == ConcurrencyPolicy.Allow,
        compactEvery);
  }

  private static void checkChainInterval(Cron cron, String expression) {
    var previous = cron.next(Instant.EPOCH);
    for (int i = 0; i < RUNS_CHECKED && previous != null; i++) {
      var next = cron.next(previous);
      if (next != null && Duration.between(previous, next).compareTo(ChainPlanner.MIN_WINDOW) < 0) {
        throw new IllegalArgumentException("spec.schedule '" + expression + "' has runs "
            + Duration.between(previous, next).toMinutes() + " minutes apart, and DynamoDB"
            + " takes no incremental export window shorter than 15 minutes:"
            + " schedule an incremental chain at least 15 minutes apart, such as */15 * * * *");
      }
      previous = next;
    }
  }
}
