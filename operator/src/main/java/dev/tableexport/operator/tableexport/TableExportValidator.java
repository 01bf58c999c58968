package dev.tableexport.operator.tableexport;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.S3BucketName;
import dev.tableexport.contract.S3Prefix;
import dev.tableexport.operator.api.CompactionOf;
import dev.tableexport.operator.api.ExportParameters;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.S3SseAlgorithm;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.engine.ExportFailure;
import dev.tableexport.operator.engine.PitrCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Step 1 of an export: what the schema cannot check (times and windows), and again what it can,
 * for API servers that do not enforce it. Never throws: a problem is a ValidationException.
 */
final class TableExportValidator {

  private static final Pattern TABLE_ARN = Pattern.compile(ExportParameters.TABLE_ARN_PATTERN);
  private static final Pattern S3_BUCKET = Pattern.compile(ExportParameters.S3_BUCKET_PATTERN);
  private static final Pattern MANIFEST_URI =
      Pattern.compile("^s3://[^/\\s]+/(\\S+/)?manifest-summary\\.json$");
  private static final Duration MAXIMUM_WINDOW = Duration.ofHours(24);

  private final Duration minimumWindow;

  TableExportValidator(Duration minimumWindow) {
    this.minimumWindow = minimumWindow;
  }

  Optional<ExportFailure> validate(TableExportSpec spec) {
    var problems = new ArrayList<String>();
    if (spec.getTableArn() == null || !TABLE_ARN.matcher(spec.getTableArn()).matches()) {
      problems.add("spec.tableArn must be arn:aws:dynamodb:<region>:<account>:table/<name>, not '"
          + spec.getTableArn() + "'");
    }
    if (spec.getS3Bucket() == null || spec.getS3Bucket().length() > 255
        || !S3_BUCKET.matcher(spec.getS3Bucket()).matches()) {
      problems.add("spec.s3Bucket must be a bucket name matching " + S3_BUCKET.pattern() + ", not '"
          + spec.getS3Bucket() + "'");
    } else {
      S3BucketName.problem(spec.getS3Bucket()).ifPresent(rule -> problems.add(
          "spec.s3Bucket must be a name S3 accepts (" + rule + "), not '" + spec.getS3Bucket() + "'"));
    }
    S3Prefix.problems(spec.getS3Prefix()).forEach(rule -> problems.add("spec.s3Prefix: " + rule));
    if (spec.getS3SseKmsKeyId() != null && spec.getS3SseAlgorithm() != S3SseAlgorithm.KMS) {
      problems.add("spec.s3SseKmsKeyId is only valid with spec.s3SseAlgorithm KMS");
    }
    if (spec.getCompactionOf() != null) {
      validateCompaction(spec, problems);
    } else if (spec.getExportType() == ExportType.INCREMENTAL_EXPORT) {
      validateWindow(spec, problems);
    } else {
      // A time in the future is outside the restorable window: the PITR check reports it.
      time(spec.getExportTime(), "spec.exportTime", problems);
    }
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ExportFailure(FailureCodes.VALIDATION,
        problems.size() + (problems.size() == 1 ? " validation error" : " validation errors")
            + " detected: " + String.join("; ", problems)));
  }

  private void validateWindow(TableExportSpec spec, List<String> problems) {
    var incremental = spec.getIncrementalExportSpecification();
    if (incremental == null || incremental.getExportFromTime() == null) {
      problems.add("exportType INCREMENTAL_EXPORT needs spec.incrementalExportSpecification.exportFromTime");
      return;
    }
    var from = time(incremental.getExportFromTime(), "exportFromTime", problems);
    var to = time(incremental.getExportToTime(), "exportToTime", problems);
    if (from == null || to == null) {
      return;
    }
    var window = Duration.between(from, to);
    if (window.compareTo(minimumWindow) < 0) {
      problems.add("the incremental window from " + from + " to " + to + " is " + window
          + ", shorter than the minimum " + minimumWindow);
    } else if (window.compareTo(MAXIMUM_WINDOW) > 0) {
      problems.add("the incremental window from " + from + " to " + to + " is " + window
          + ", longer than 24 hours");
    }
  }

  /** The schema checks none of this: a list of URIs, each of a manifest-summary.json. */
  private static void validateCompaction(TableExportSpec spec, List<String> problems) {
    if (spec.getExportType() == ExportType.INCREMENTAL_EXPORT) {
      problems.add("spec.compactionOf is only valid with exportType FULL_EXPORT");
    }
    time(spec.getExportTime(), "spec.exportTime", problems);
    var manifests = spec.getCompactionOf().getManifests();
    if (manifests == null || manifests.isEmpty()) {
      problems.add("spec.compactionOf.manifests must name at least the full export to start from");
      return;
    }
    if (manifests.size() > CompactionOf.MAX_MANIFESTS) {
      problems.add("spec.compactionOf.manifests holds " + manifests.size() + " manifests, more"
          + " than " + CompactionOf.MAX_MANIFESTS + ": compact a shorter chain");
    }
    for (int i = 0; i < manifests.size(); i++) {
      var manifest = manifests.get(i);
      if (manifest == null || !MANIFEST_URI.matcher(manifest).matches()) {
        problems.add("spec.compactionOf.manifests[" + i + "] must be s3://BUCKET/KEY of an"
            + " export's manifest-summary.json (such as s3://exports/AWSDynamoDB/"
            + "01768385930622-efd1a093/manifest-summary.json), not '" + manifest + "'");
      }
    }
  }

  private static Instant time(String text, String field, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      return PitrCheck.instant(text);
    } catch (DateTimeParseException e) {
      problems.add(field + " must be an RFC 3339 time such as 2026-01-14T10:18:50Z, not '" + text + "'");
      return null;
    }
  }
}
