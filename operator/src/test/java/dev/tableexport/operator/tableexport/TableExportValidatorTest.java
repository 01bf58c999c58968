package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.operator.api.CompactionOf;
import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ExportViewType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.S3SseAlgorithm;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.engine.ExportFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableExportValidatorTest {

  private static final TableExportValidator VALIDATOR =
      new TableExportValidator(Duration.ofMinutes(15));

  @Test
  void aFullExportWithEveryFieldIsValid() {
    var spec = full();
    spec.setS3Prefix("daily/orders");
    spec.setS3BucketOwner("123456789012");
    spec.setS3SseAlgorithm(S3SseAlgorithm.KMS);
    spec.setS3SseKmsKeyId("alias/exports");
    spec.setExportFormat(ExportFormat.ION);
    spec.setExportTime("2026-01-14T10:18:50Z");
    spec.setClientToken("nightly-2026-01-14");

    assertEquals(Optional.empty(), VALIDATOR.validate(spec));
  }

  @Test
  void aMinimalFullExportIsValid() {
    var spec = new TableExportSpec();
    spec.setTableArn("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/My_Table.v2-x");
    spec.setS3Bucket("my.export-bucket");

    assertEquals(Optional.empty(), VALIDATOR.validate(spec));
  }

  @Test
  void anIncrementalExportIsValid() {
    var spec = incremental("2026-01-14T10:00:00Z", "2026-01-14T11:00:00Z");
    spec.getIncrementalExportSpecification().setExportViewType(ExportViewType.NEW_IMAGE);

    assertEquals(Optional.empty(), VALIDATOR.validate(spec));
  }

  @Test
  void anIncrementalExportToTheLatestRestorableTimeIsValid() {
    assertEquals(
        Optional.empty(), VALIDATOR.validate(incremental("2026-01-14T10:00:00Z", null)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders",
        "arn:aws:dynamodb:eu-west-1:12345:table/orders",
        "arn:aws:s3:eu-west-1:123456789012:table/orders",
        "arn:aws:dynamodb:eu-west-1:123456789012:table/ab",
        "arn:aws:dynamodb:eu-west-1:123456789012:stream/orders"
      })
  void aBadTableArnIsRejected(String tableArn) {
    var spec = full();
    spec.setTableArn(tableArn);

    var message = singleProblem(spec);

    assertTrue(message.contains("spec.tableArn"), message);
    assertTrue(message.contains("'" + tableArn + "'"), message);
  }

  @Test
  void aMissingTableArnIsRejected() {
    var spec = full();
    spec.setTableArn(null);

    assertTrue(singleProblem(spec).contains("spec.tableArn"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "-exports", "exports-", "my exports", "exports/daily"})
  void aBadBucketIsRejected(String bucket) {
    var spec = full();
    spec.setS3Bucket(bucket);

    var message = singleProblem(spec);

    assertTrue(message.contains("spec.s3Bucket"), message);
    assertTrue(message.contains("'" + bucket + "'"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UpperCase", "under_score", "ab", "two..dots", "192.168.1.10"})
  void aBucketMatchingTheApiPatternButNotS3sRulesIsRejected(String bucket) {
    var spec = full();
    spec.setS3Bucket(bucket);

    var message = singleProblem(spec);

    assertTrue(message.contains("spec.s3Bucket must be a name S3 accepts"), message);
    assertTrue(message.contains("'" + bucket + "'"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/daily", "daily//orders"})
  void aPrefixMakingAnEmptyPathSegmentIsRejected(String prefix) {
    var spec = full();
    spec.setS3Prefix(prefix);

    assertTrue(singleProblem(spec).contains("spec.s3Prefix: Member must not begin with '/'"));
  }

  @Test
  void aPrefixWhoseKeysWouldPassS3sLimitIsRejected() {
    var spec = full();
    spec.setS3Prefix("p".repeat(1024 - 76));
    assertEquals(Optional.empty(), VALIDATOR.validate(spec));

    spec.setS3Prefix("p".repeat(1024 - 75));

    assertTrue(singleProblem(spec).contains("its longest would have 1025 bytes"));
  }

  @Test
  void aTooLongBucketIsRejected() {
    var spec = full();
    spec.setS3Bucket("b".repeat(256));

    assertTrue(singleProblem(spec).contains("spec.s3Bucket"));
  }

  @Test
  void aKmsKeyNeedsKms() {
    var spec = full();
    spec.setS3SseKmsKeyId("alias/exports");

    assertTrue(singleProblem(spec).contains("spec.s3SseKmsKeyId"));

    spec.setS3SseAlgorithm(S3SseAlgorithm.AES256);

    assertTrue(singleProblem(spec).contains("spec.s3SseKmsKeyId"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-01-14T10:00:00", "2026-01-14 10:00:00Z", "1768385930"})
  void anUnparseableExportTimeIsRejected(String time) {
    var spec = full();
    spec.setExportTime(time);

    var message = singleProblem(spec);

    assertTrue(message.contains("spec.exportTime"), message);
    assertTrue(message.contains("RFC 3339"), message);
    assertTrue(message.contains("'" + time + "'"), message);
  }

  @Test
  void anUnparseableExportFromTimeIsRejected() {
    var message = singleProblem(incremental("2026-01-14", "2026-01-14T11:00:00Z"));

    assertTrue(message.contains("exportFromTime"), message);
    assertTrue(message.contains("'2026-01-14'"), message);
  }

  @Test
  void anUnparseableExportToTimeIsRejected() {
    var message = singleProblem(incremental("2026-01-14T10:00:00Z", "11:00"));

    assertTrue(message.contains("exportToTime"), message);
    assertTrue(message.contains("'11:00'"), message);
  }

  @Test
  void anIncrementalExportNeedsExportFromTime() {
    var spec = full();
    spec.setExportType(ExportType.INCREMENTAL_EXPORT);

    assertTrue(singleProblem(spec).contains("exportFromTime"));

    spec.setIncrementalExportSpecification(new IncrementalExportSpecification());

    assertTrue(singleProblem(spec).contains("exportFromTime"));
  }

  @Test
  void aWindowShorterThanTheMinimumIsRejected() {
    var message = singleProblem(incremental("2026-01-14T10:00:00Z", "2026-01-14T10:14:59Z"));

    assertTrue(message.contains("shorter than the minimum PT15M"), message);
  }

  @Test
  void aWindowOfTheMinimumIsValid() {
    assertEquals(
        Optional.empty(),
        VALIDATOR.validate(incremental("2026-01-14T10:00:00Z", "2026-01-14T10:15:00Z")));
  }

  @Test
  void theMinimumComesFromTheConfig() {
    var spec = incremental("2026-01-14T10:00:00Z", "2026-01-14T10:01:00Z");

    assertEquals(Optional.empty(), new TableExportValidator(Duration.ZERO).validate(spec));
    assertTrue(
        new TableExportValidator(Duration.ofMinutes(2))
            .validate(spec)
            .orElseThrow()
            .message()
            .contains("shorter than the minimum PT2M"));
  }

  @Test
  void windowTimesWithOffsetsAreComparedAsInstants() {
    var message = singleProblem(incremental("2026-01-14T11:00:00+01:00", "2026-01-14T10:10:00Z"));

    assertTrue(message.contains("is PT10M, shorter than the minimum"), message);
  }

  @Test
  void aWindowLongerThan24HoursIsRejected() {
    var message = singleProblem(incremental("2026-01-13T10:00:00Z", "2026-01-14T10:00:01Z"));

    assertTrue(message.contains("longer than 24 hours"), message);
  }

  @Test
  void aWindowOf24HoursIsValid() {
    assertEquals(
        Optional.empty(),
        VALIDATOR.validate(incremental("2026-01-13T10:00:00Z", "2026-01-14T10:00:00Z")));
  }

  @Test
  void everyProblemIsCounted() {
    var spec = full();
    spec.setTableArn("orders");
    spec.setS3Bucket("-exports");

    var failure = VALIDATOR.validate(spec).orElseThrow();

    assertEquals(FailureCodes.VALIDATION, failure.code());
    assertTrue(failure.message().startsWith("2 validation errors detected: "), failure.message());
    assertTrue(failure.message().contains("spec.tableArn"), failure.message());
    assertTrue(failure.message().contains("spec.s3Bucket"), failure.message());
  }

  @Test
  void everyProblemOfAnIncrementalExportIsCounted() {
    var spec = incremental("from", "to");
    spec.setS3SseKmsKeyId("alias/exports");

    var message = VALIDATOR.validate(spec).orElseThrow().message();

    assertTrue(message.startsWith("3 validation errors detected: "), message);
    assertTrue(message.contains("spec.s3SseKmsKeyId"), message);
    assertTrue(message.contains("exportFromTime"), message);
    assertTrue(message.contains("exportToTime"), message);
  }

  private static String singleProblem(TableExportSpec spec) {
    var failure = VALIDATOR.validate(spec).orElseThrow();
    assertEquals(FailureCodes.VALIDATION, failure.code());
    assertTrue(failure.message().startsWith("1 validation error detected: "), failure.message());
    return failure.message();
  }

  @Test
  void aCompactionOfWellFormedManifestsIsValid() {
    var spec = full();
    spec.setExportTime("2026-01-14T11:00:00Z");
    spec.setCompactionOf(compaction("s3://exports/AWSDynamoDB/01768385930622-efd1a093/"
        + "manifest-summary.json", "s3://exports/manifest-summary.json"));

    assertEquals(Optional.empty(), VALIDATOR.validate(spec));
  }

  @Test
  void aCompactionNamesEachManifestThatIsNoS3UriOfASummary() {
    var spec = full();
    spec.setCompactionOf(compaction("s3://exports/AWSDynamoDB/x/manifest-files.json",
        "s3://exports/AWSDynamoDB/y/manifest-summary.json", "exports/manifest-summary.json"));

    var message = VALIDATOR.validate(spec).orElseThrow().message();

    assertTrue(message.startsWith("2 validation errors detected: "), message);
    assertTrue(message.contains("spec.compactionOf.manifests[0] must be s3://BUCKET/KEY of an"
        + " export's manifest-summary.json"), message);
    assertTrue(message.contains("not 'exports/manifest-summary.json'"), message);
  }

  @Test
  void aCompactionNeedsAManifest() {
    var spec = full();
    spec.setCompactionOf(compaction());

    assertTrue(VALIDATOR.validate(spec).orElseThrow().message()
        .contains("spec.compactionOf.manifests must name at least the full export"));
  }

  private static CompactionOf compaction(String... manifests) {
    var compaction = new CompactionOf();
    compaction.setManifests(List.of(manifests));
    return compaction;
  }

  private static TableExportSpec full() {
    var spec = new TableExportSpec();
    spec.setTableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    spec.setS3Bucket("exports");
    spec.setExportFormat(ExportFormat.DYNAMODB_JSON);
    spec.setExportType(ExportType.FULL_EXPORT);
    return spec;
  }

  private static TableExportSpec incremental(String from, String to) {
    var window = new IncrementalExportSpecification();
    window.setExportFromTime(from);
    window.setExportToTime(to);
    var spec = full();
    spec.setExportType(ExportType.INCREMENTAL_EXPORT);
    spec.setIncrementalExportSpecification(window);
    return spec;
  }
}
