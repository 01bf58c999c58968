package dev.tableexport.runner.export;

import dev.tableexport.contract.IncrementalExportSpecification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.format.ExportFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportRequestParserTest {

  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";
  private static final String FROM = "2026-01-14T10:00:00Z";
  private static final String TO = "2026-01-14T11:00:00Z";

  /** A valid minimal request, with the named fields replaced: field, value, field, value, ... */
  private static ExportArguments arguments(String... fieldsAndValues) {
    String tableArn = TABLE_ARN;
    String bucket = "my-exports";
    String prefix = null;
    String owner = null;
    String sse = null;
    String kms = null;
    String format = null;
    String type = null;
    String exportTime = null;
    String incremental = null;
    String clientToken = null;
    String exportArn = null;
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      var value = fieldsAndValues[i + 1];
      switch (fieldsAndValues[i]) {
        case "tableArn" -> tableArn = value;
        case "s3Bucket" -> bucket = value;
        case "s3Prefix" -> prefix = value;
        case "s3BucketOwner" -> owner = value;
        case "s3SseAlgorithm" -> sse = value;
        case "s3SseKmsKeyId" -> kms = value;
        case "exportFormat" -> format = value;
        case "exportType" -> type = value;
        case "exportTime" -> exportTime = value;
        case "incremental" -> incremental = value;
        case "clientToken" -> clientToken = value;
        case "exportArn" -> exportArn = value;
        default -> throw new IllegalArgumentException(fieldsAndValues[i]);
      }
    }
    return new ExportArguments(
        tableArn,
        bucket,
        prefix,
        owner,
        sse,
        kms,
        format,
        type,
        exportTime,
        incremental,
        clientToken,
        exportArn);
  }

  private static ExportRequest parse(String... fieldsAndValues) {
    return ExportRequestParser.parse(arguments(fieldsAndValues));
  }

  /** Asserts a ValidationException and returns its message. */
  private static String failure(String... fieldsAndValues) {
    var failure = assertThrows(ExportFailure.class, () -> parse(fieldsAndValues));
    assertEquals("ValidationException", failure.code());
    return failure.getMessage();
  }

  /** Asserts exactly one validation error and returns its message. */
  private static String rejected(String... fieldsAndValues) {
    var message = failure(fieldsAndValues);
    assertTrue(message.startsWith("1 validation error detected: "), message);
    return message;
  }

  /** An unusable specification also leaves the incremental export without ExportFromTime. */
  private static String rejectedSpecification(String specification) {
    var message = failure("exportType", "INCREMENTAL_EXPORT", "incremental", specification);
    assertTrue(message.startsWith("2 validation errors detected: "), message);
    assertContains(message, "--export-type INCREMENTAL_EXPORT needs --incremental-export-spec");
    return message;
  }

  private static void assertContains(String message, String... parts) {
    for (var part : parts) {
      assertTrue(message.contains(part), "'" + part + "' not in: " + message);
    }
  }

  private static IncrementalExportSpecification incremental(String specification) {
    return parse("exportType", "INCREMENTAL_EXPORT", "incremental", specification)
        .incrementalExportSpecification();
  }

  @Test
  void minimalRequestTakesDynamoDbsDefaults() {
    var request = parse();

    assertEquals(TABLE_ARN, request.tableArn().arn());
    assertEquals("Orders", request.tableArn().tableName());
    assertEquals("my-exports", request.s3Bucket());
    assertNull(request.s3Prefix());
    assertNull(request.s3BucketOwner());
    assertNull(request.s3SseAlgorithm());
    assertNull(request.s3SseKmsKeyId());
    assertEquals(ExportFormat.DYNAMODB_JSON, request.exportFormat());
    assertEquals(ExportType.FULL_EXPORT, request.exportType());
    assertNull(request.exportTime());
    assertNull(request.incrementalExportSpecification());
    assertNull(request.clientToken());
    assertNull(request.exportId());
  }

  @Test
  void everyFieldIsCarriedOver() {
    var request =
        parse(
            "s3Prefix", "exports/2026",
            "s3BucketOwner", "210987654321",
            "s3SseAlgorithm", "KMS",
            "s3SseKmsKeyId", "alias/exports",
            "exportFormat", "ION",
            "exportType", "FULL_EXPORT",
            "exportTime", "2026-01-14T10:18:50.622Z",
            "clientToken", "token-1",
            "exportArn", TABLE_ARN + "/export/01768385930622-efd1a093");

    assertEquals("exports/2026", request.s3Prefix());
    assertEquals("210987654321", request.s3BucketOwner());
    assertEquals("KMS", request.s3SseAlgorithm());
    assertEquals("alias/exports", request.s3SseKmsKeyId());
    assertEquals(ExportFormat.ION, request.exportFormat());
    assertEquals(ExportType.FULL_EXPORT, request.exportType());
    assertEquals(Instant.parse("2026-01-14T10:18:50.622Z"), request.exportTime());
    assertEquals("token-1", request.clientToken());
    assertEquals(new ExportId("01768385930622-efd1a093"), request.exportId());
  }

  @Test
  void emptyPrefixBecomesNull() {
    assertNull(parse("s3Prefix", "").s3Prefix());
  }

  @Test
  void aes256IsAccepted() {
    assertEquals("AES256", parse("s3SseAlgorithm", "AES256").s3SseAlgorithm());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Orders",
        "arn:aws:dynamodb:us-east-1:123456789012:table/ab",
        "arn:aws:dynamodb:us-east-1:12345678901:table/Orders",
        "arn:aws:s3:us-east-1:123456789012:table/Orders",
        "arn:aws:dynamodb:us-east-1:123456789012:Orders"
      })
  void badTableArn(String tableArn) {
    var message = rejected("tableArn", tableArn);

    assertContains(
        message,
        "Value '" + tableArn + "' at '--table-arn' failed to satisfy constraint",
        "arn:aws:dynamodb:<region>:<12-digit account>:table/<table name>");
  }

  @Test
  void missingTableArn() {
    assertContains(rejected("tableArn", null), "'--table-arn'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "-bucket", "bucket-", ".bucket", "my bucket", "bucket/x", "bücket", ""})
  void bucketViolatingThePattern(String bucket) {
    var message = rejected("s3Bucket", bucket);

    assertContains(
        message,
        "Value '" + bucket + "' at '--s3-bucket' failed to satisfy constraint",
        "length less than or equal to 255",
        "^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$");
  }

  @Test
  void bucketLongerThan255() {
    assertContains(rejected("s3Bucket", "b".repeat(256)), "'--s3-bucket'", "255");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UpperCase", "my.bucket_name-1", "ab", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "a..b", "10.0.0.1"})
  void bucketMatchingThePatternButNotS3sNamingRules(String bucket) {
    assertContains(
        rejected("s3Bucket", bucket),
        "Value '" + bucket + "' at '--s3-bucket' failed to satisfy constraint: Member must be a name"
            + " S3 accepts: a bucket name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "my.bucket-name-1", "a.b.c", "a-b", "2026-exports"})
  void bucketsS3Accepts(String bucket) {
    assertEquals(bucket, parse("s3Bucket", bucket).s3Bucket());
  }

  @Test
  void missingBucket() {
    assertContains(rejected("s3Bucket", null), "'--s3-bucket'");
  }

  @Test
  void prefixLongerThan1024() {
    assertContains(
        rejected("s3Prefix", "p".repeat(1025)),
        "at '--s3-prefix' failed to satisfy constraint",
        "length less than or equal to 1024");
  }

  @Test
  void prefixWhoseKeysWouldBeLongerThan1024Bytes() {
    var fits = "p".repeat(1024 - 76);
    assertEquals(fits, parse("s3Prefix", fits).s3Prefix());

    assertContains(
        rejected("s3Prefix", fits + "é"),
        "at '--s3-prefix' failed to satisfy constraint",
        "its longest would have 1026 bytes of UTF-8; shorten it by 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/x", "/", "a//b"})
  void prefixMakingAnEmptyPathSegment(String prefix) {
    assertContains(rejected("s3Prefix", prefix),
        "Value '" + prefix + "' at '--s3-prefix' failed to satisfy constraint: Member must not begin"
            + " with '/'");
  }

  @Test
  void prefixWithAParentSegmentIsAccepted() {
    assertEquals("../x", parse("s3Prefix", "../x").s3Prefix());
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345678901", "1234567890123", "12345678901a", "", " 123456789012"})
  void bucketOwnerNotTwelveDigits(String owner) {
    assertContains(
        rejected("s3BucketOwner", owner),
        "Value '" + owner + "' at '--s3-bucket-owner' failed to satisfy constraint",
        "12-digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws:kms", "kms", "AES-256", "SSE_S3", ""})
  void sseAlgorithmNotAes256OrKms(String algorithm) {
    assertContains(
        rejected("s3SseAlgorithm", algorithm),
        "at '--s3-sse-algorithm' failed to satisfy constraint",
        "Member must satisfy enum value set: [AES256, KMS]");
  }

  @Test
  void kmsKeyWithoutKms() {
    assertContains(
        rejected("s3SseKmsKeyId", "alias/k"),
        "--s3-sse-kms-key-id is only valid with --s3-sse-algorithm KMS");
    assertContains(
        rejected("s3SseKmsKeyId", "alias/k", "s3SseAlgorithm", "AES256"),
        "--s3-sse-kms-key-id is only valid with --s3-sse-algorithm KMS");
  }

  @Test
  void kmsKeyLength() {
    assertContains(
        rejected("s3SseAlgorithm", "KMS", "s3SseKmsKeyId", "k".repeat(2049)),
        "at '--s3-sse-kms-key-id' failed to satisfy constraint",
        "length between 1 and 2048");
    assertContains(
        rejected("s3SseAlgorithm", "KMS", "s3SseKmsKeyId", ""),
        "'--s3-sse-kms-key-id'",
        "length between 1 and 2048");
    var longest = "k".repeat(2048);
    assertEquals(longest, parse("s3SseAlgorithm", "KMS", "s3SseKmsKeyId", longest).s3SseKmsKeyId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CSV", "ion", "DynamoDB_JSON", "JSON"})
  void badExportFormat(String format) {
    assertContains(
        rejected("exportFormat", format),
        "Value '" + format + "' at '--export-format' failed to satisfy constraint",
        "Member must satisfy enum value set: [DYNAMODB_JSON, ION]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"FULL", "full_export", "INCREMENTAL"})
  void badExportType(String type) {
    assertContains(
        rejected("exportType", type),
        "Value '" + type + "' at '--export-type' failed to satisfy constraint",
        "Member must satisfy enum value set: [FULL_EXPORT, INCREMENTAL_EXPORT]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-01-14T10:18:50",
        "2026-01-14",
        "2026-13-01T00:00:00Z",
        "-5",
        "1e9",
        ""
      })
  void unparseableExportTime(String time) {
    assertContains(
        rejected("exportTime", time),
        "Value '" + time + "' at '--export-time' failed to satisfy constraint",
        "ISO 8601",
        "epoch seconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"31556889864403200", "99999999999999999999", "18446744073709551616"})
  void epochSecondsOutsideTheTimeRange(String time) {
    assertContains(rejected("exportTime", time), "at '--export-time' failed to satisfy constraint");
  }

  @Test
  void exportTimeForms() {
    assertEquals(
        Instant.parse("2026-01-14T10:18:50Z"),
        parse("exportTime", "2026-01-14T10:18:50Z").exportTime());
    assertEquals(
        Instant.parse("2026-01-14T08:18:50Z"),
        parse("exportTime", "2026-01-14T10:18:50+02:00").exportTime());
    assertEquals(
        Instant.parse("2026-01-14T15:48:50.5Z"),
        parse("exportTime", "2026-01-14T10:18:50.5-05:30").exportTime());
    assertEquals(
        Instant.parse("2026-01-14T10:18:50Z"), parse("exportTime", "1768385930").exportTime());
    assertEquals(
        Instant.parse("2026-01-14T10:18:50.622Z"),
        parse("exportTime", "1768385930.622").exportTime());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a$b", "$", "token$", ""})
  void clientTokenWithDollarOrEmpty(String token) {
    assertContains(
        rejected("clientToken", token),
        "Value '" + token + "' at '--client-token' failed to satisfy constraint",
        "^[^\\$]+$");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        TABLE_ARN + "/export/1768385930622-efd1a093",
        TABLE_ARN + "/export/01768385930622-EFD1A093",
        TABLE_ARN + "/export/01768385930622-efd1a09",
        TABLE_ARN + "/export/01768385930622-efd1a0931",
        TABLE_ARN + "/export/01768385930622_efd1a093",
        TABLE_ARN + "/01768385930622-efd1a093",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Other/export/01768385930622-efd1a093",
        "01768385930622-efd1a093"
      })
  void exportArnNotOfThisTable(String exportArn) {
    assertContains(
        rejected("exportArn", exportArn),
        "Value '" + exportArn + "' at '--export-arn' failed to satisfy constraint",
        "<table ARN>/export/<14-digit epoch milliseconds>-<8 lowercase hex>");
  }

  @Test
  void incrementalSpecificationWithFullExport() {
    var spec = "ExportFromTime=" + FROM + ",ExportToTime=" + TO;

    assertContains(
        rejected("incremental", spec),
        "--incremental-export-specification is only valid with --export-type INCREMENTAL_EXPORT");
    assertContains(
        rejected("incremental", spec, "exportType", "FULL_EXPORT"),
        "--incremental-export-specification is only valid with --export-type INCREMENTAL_EXPORT");
  }

  @Test
  void incrementalWithoutSpecification() {
    assertContains(
        rejected("exportType", "INCREMENTAL_EXPORT"),
        "--export-type INCREMENTAL_EXPORT needs --incremental-export-specification");
    assertContains(
        rejected("exportType", "INCREMENTAL_EXPORT", "incremental", "ExportToTime=" + TO),
        "--export-type INCREMENTAL_EXPORT needs --incremental-export-specification");
  }

  @Test
  void exportTimeWithIncremental() {
    assertContains(
        rejected(
            "exportType",
            "INCREMENTAL_EXPORT",
            "incremental",
            "ExportFromTime=" + FROM,
            "exportTime",
            FROM),
        "--export-time is only valid with --export-type FULL_EXPORT");
  }

  @Test
  void unknownKeyInSpecification() {
    var message =
        rejected(
            "exportType",
            "INCREMENTAL_EXPORT",
            "incremental",
            "ExportFromTime=" + FROM + ",ExportViewTypes=NEW_IMAGE");

    assertContains(
        message,
        "--incremental-export-specification has an unknown key 'ExportViewTypes'",
        "[ExportFromTime, ExportToTime, ExportViewType]");
  }

  @Test
  void shorthandPairWithoutEquals() {
    assertContains(
        rejectedSpecification("ExportFromTime"),
        "--incremental-export-specification takes Key=Value pairs",
        "'ExportFromTime' has no '='");
  }

  @Test
  void specificationThatIsNotJson() {
    assertContains(
        rejectedSpecification("{\"ExportFromTime\":"),
        "--incremental-export-specification is not valid JSON");
  }

  @Test
  void fromNotBeforeTo() {
    assertContains(
        rejected(
            "exportType",
            "INCREMENTAL_EXPORT",
            "incremental",
            "ExportFromTime=" + TO + ",ExportToTime=" + FROM),
        "ExportFromTime (2026-01-14T11:00:00Z) must be before ExportToTime (2026-01-14T10:00:00Z)");
    assertContains(
        rejected(
            "exportType",
            "INCREMENTAL_EXPORT",
            "incremental",
            "ExportFromTime=" + FROM + ",ExportToTime=" + FROM),
        "must be before ExportToTime");
  }

  @Test
  void badTimeInSpecification() {
    assertContains(
        rejectedSpecification("ExportFromTime=soon"),
        "Value 'soon' at 'ExportFromTime' failed to satisfy constraint");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEW_IMAGES", "OLD_IMAGE", "new_image", "KEYS_ONLY"})
  void badViewType(String view) {
    assertContains(
        rejected(
            "exportType",
            "INCREMENTAL_EXPORT",
            "incremental",
            "ExportFromTime=" + FROM + ",ExportViewType=" + view),
        "Value '" + view + "' at 'ExportViewType' failed to satisfy constraint",
        "[NEW_AND_OLD_IMAGES, NEW_IMAGE]");
  }

  @Test
  void shorthandSpecification() {
    var spec =
        incremental("ExportFromTime=" + FROM + ",ExportToTime=" + TO + ",ExportViewType=NEW_IMAGE");

    assertEquals(
        new IncrementalExportSpecification(Instant.parse(FROM), Instant.parse(TO), "NEW_IMAGE"),
        spec);
  }

  @Test
  void jsonSpecification() {
    var spec = incremental("{\"ExportFromTime\":\"" + FROM + "\",\"ExportToTime\":\"" + TO + "\"}");

    assertEquals(
        new IncrementalExportSpecification(
            Instant.parse(FROM), Instant.parse(TO), "NEW_AND_OLD_IMAGES"),
        spec);
  }

  @Test
  void jsonSpecificationWithEpochNumbers() {
    var spec =
        incremental(
            "{\"ExportFromTime\":1768385930,\"ExportToTime\":1768389530.622,"
                + "\"ExportViewType\":\"NEW_AND_OLD_IMAGES\"}");

    assertEquals(Instant.parse("2026-01-14T10:18:50Z"), spec.exportFromTime());
    assertEquals(Instant.parse("2026-01-14T11:18:50.622Z"), spec.exportToTime());
    assertEquals("NEW_AND_OLD_IMAGES", spec.exportViewType());
  }

  @Test
  void specificationTimesWithOffsetsAndEpochSeconds() {
    var spec = incremental("ExportFromTime=2026-01-14T12:00:00+02:00,ExportToTime=1768385930.622");

    assertEquals(Instant.parse("2026-01-14T10:00:00Z"), spec.exportFromTime());
    assertEquals(Instant.parse("2026-01-14T10:18:50.622Z"), spec.exportToTime());
  }

  @Test
  void viewTypeDefaultsToNewAndOldImagesAndToTimeMayBeOmitted() {
    var spec = incremental("ExportFromTime=" + FROM);

    assertEquals(Instant.parse(FROM), spec.exportFromTime());
    assertNull(spec.exportToTime());
    assertEquals("NEW_AND_OLD_IMAGES", spec.exportViewType());
  }

  @Test
  void incrementalRequest() {
    var request =
        parse(
            "exportType",
            "INCREMENTAL_EXPORT",
            "incremental",
            " ExportFromTime = " + FROM + " , ExportToTime=" + TO);

    assertEquals(ExportType.INCREMENTAL_EXPORT, request.exportType());
    assertNull(request.exportTime());
    assertEquals(Instant.parse(FROM), request.incrementalExportSpecification().exportFromTime());
    assertEquals(Instant.parse(TO), request.incrementalExportSpecification().exportToTime());
  }

  @Test
  void everyProblemIsReported() {
    var failure =
        assertThrows(
            ExportFailure.class,
            () -> parse("s3Bucket", "-bad", "s3BucketOwner", "123", "exportFormat", "CSV"));

    assertEquals("ValidationException", failure.code());
    var message = failure.getMessage();
    assertTrue(message.startsWith("3 validation errors detected: "), message);
    assertContains(message, "'--s3-bucket'", "'--s3-bucket-owner'", "'--export-format'");
  }

  @Test
  void twoProblemsAreSeparatedBySemicolons() {
    var failure =
        assertThrows(ExportFailure.class, () -> parse("s3Bucket", "x", "clientToken", "$"));

    assertEquals(
        "2 validation errors detected: Value 'x' at '--s3-bucket' failed to satisfy constraint:"
            + " Member must have length less than or equal to 255 and satisfy regular expression"
            + " pattern: ^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$; Value '$' at '--client-token'"
            + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
            + " ^[^\\$]+$",
        failure.getMessage());
  }
}
