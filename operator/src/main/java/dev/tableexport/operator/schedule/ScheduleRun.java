package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.engine.PitrCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run of a schedule, read back from the TableExport it created: what it is (a full export, the
 * base, a link or a compaction of chain {@code chain}), which attempt, its times and where it
 * stands.
 *
 * @param scheduledTime a full run's scheduled time, a link's exportToTime, a compaction's export
 *     time; null for a base
 * @param from a link's exportFromTime
 * @param exportTime the time a full run or base is of: its status' (resolved) or spec's
 * @param status null until the TableExport reconciler has written one (counts as PENDING)
 */
record ScheduleRun(
    String name,
    Kind kind,
    int chain,
    int attempt,
    Instant scheduledTime,
    Instant from,
    Instant exportTime,
    ExportStatus status,
    Instant endTime,
    TableExport export) {

  enum Kind {
    FULL,
    BASE,
    LINK,
    /** A full export made from the chain's data in S3 (spec.compactEvery). */
    COMPACTION
  }

  static final String SCHEDULE_LABEL = "tableexport.dev/schedule";
  static final String KIND = "tableexport.dev/run";
  static final String CHAIN = "tableexport.dev/chain";
  static final String ATTEMPT = "tableexport.dev/attempt";
  static final String SCHEDULED_TIME = "tableexport.dev/scheduled-time";
  /** On a compaction's TableExport, so that `kubectl get tex -l` finds them. */
  static final String COMPACTION_LABEL = "tableexport.dev/compaction";

  /** The run a TableExport is, if a schedule created it. */
  static Optional<ScheduleRun> of(TableExport export) {
    var annotations = export.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(KIND)) {
      return Optional.empty();
    }
    var spec = export.getSpec();
    var status = export.getStatus();
    var window = spec.getIncrementalExportSpecification();
    var resolved = status == null ? null : status.getExportTime();
    var exportTime = resolved != null ? resolved : spec.getExportTime();
    return Optional.of(new ScheduleRun(
        export.getMetadata().getName(),
        Kind.valueOf(annotations.get(KIND)),
        number(annotations, CHAIN),
        number(annotations, ATTEMPT),
        time(annotations.get(SCHEDULED_TIME)),
        window == null ? null : time(window.getExportFromTime()),
        time(exportTime),
        status == null ? null : status.getExportStatus(),
        status == null ? null : time(status.getEndTime()),
        export));
  }

  boolean ended() {
    return status == ExportStatus.COMPLETED || status == ExportStatus.FAILED;
  }

  boolean completed() {
    return status == ExportStatus.COMPLETED;
  }

  boolean failed() {
    return status == ExportStatus.FAILED;
  }

  /** A link's exportToTime. */
  Instant to() {
    return scheduledTime;
  }

  /** Where its manifest-summary.json is, s3://BUCKET/KEY, once COMPLETED; else null. */
  String manifest() {
    var status = export.getStatus();
    if (!completed() || status.getExportManifest() == null) {
      return null;
    }
    return "s3://" + export.getSpec().getS3Bucket() + "/" + status.getExportManifest();
  }

  /** The manifests a compaction reads, in order; none for another run. */
  List<String> inputs() {
    var compaction = export.getSpec().getCompactionOf();
    return compaction == null ? List.of() : compaction.getManifests();
  }

  /** Up to when the run's data describes the table: for ordering runs and for retention. */
  Instant reach() {
    return kind == Kind.LINK || exportTime == null ? scheduledTime : exportTime;
  }

  private static int number(Map<String, String> annotations, String key) {
    var value = annotations.get(key);
    return value == null ? 0 : Integer.parseInt(value);
  }

  private static Instant time(String rfc3339) {
    return rfc3339 == null ? null : PitrCheck.instant(rfc3339);
  }
}
