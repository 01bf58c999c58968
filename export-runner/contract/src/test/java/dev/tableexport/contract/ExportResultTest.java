package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportResultTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";
  private static final String EXPORT_ARN = TABLE_ARN + "/export/01768385930622-efd1a093";

  private static ExportDescription completed() {
    return new ExportDescription(
        EXPORT_ARN,
        "COMPLETED",
        Instant.parse("2026-01-14T10:18:50.622Z"),
        Instant.parse("2026-01-14T10:24:03Z"),
        "p/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json",
        TABLE_ARN,
        "0f3c9a52-4b1e-4c1f-9d7e-2a6b8c0d1e2f",
        Instant.parse("2026-01-14T10:18:50.622Z"),
        "token-1",
        "my-exports",
        "123456789012",
        "p",
        "KMS",
        "alias/exports",
        "S3AccessDenied",
        "Access Denied",
        "DYNAMODB_JSON",
        123456L,
        1000L,
        "FULL_EXPORT",
        null);
  }

  private static List<String> fieldNames(String json) throws IOException {
    var names = new ArrayList<String>();
    JSON.readTree(json).get("ExportDescription").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void fieldsInDynamoDbsOrder() throws IOException {
    var json = new ExportResult(completed()).toJson();

    assertEquals(List.of("ExportDescription"), topLevelNames(json));
    assertEquals(
        List.of(
            "ExportArn",
            "ExportStatus",
            "StartTime",
            "EndTime",
            "ExportManifest",
            "TableArn",
            "TableId",
            "ExportTime",
            "ClientToken",
            "S3Bucket",
            "S3BucketOwner",
            "S3Prefix",
            "S3SseAlgorithm",
            "S3SseKmsKeyId",
            "FailureCode",
            "FailureMessage",
            "ExportFormat",
            "BilledSizeBytes",
            "ItemCount",
            "ExportType"),
        fieldNames(json));
  }

  @Test
  void valuesAndTimeFormat() throws IOException {
    var description =
        JSON.readTree(new ExportResult(completed()).toJson()).get("ExportDescription");

    assertEquals(EXPORT_ARN, description.get("ExportArn").textValue());
    assertEquals("2026-01-14T10:18:50.622Z", description.get("StartTime").textValue());
    assertEquals("2026-01-14T10:24:03.000Z", description.get("EndTime").textValue());
    assertEquals("2026-01-14T10:18:50.622Z", description.get("ExportTime").textValue());
    assertTrue(description.get("BilledSizeBytes").isIntegralNumber());
    assertEquals(123456L, description.get("BilledSizeBytes").longValue());
    assertEquals(1000L, description.get("ItemCount").longValue());
  }

  @Test
  void nullFieldsAreOmitted() throws IOException {
    var description =
        new ExportDescription(
            EXPORT_ARN,
            "IN_PROGRESS",
            Instant.parse("2026-01-14T10:18:50.622Z"),
            null,
            null,
            TABLE_ARN,
            null,
            null,
            null,
            "my-exports",
            null,
            null,
            "AES256",
            null,
            null,
            null,
            "ION",
            null,
            null,
            "FULL_EXPORT",
            null);

    var json = new ExportResult(description).toJson();

    assertEquals(
        List.of(
            "ExportArn",
            "ExportStatus",
            "StartTime",
            "TableArn",
            "S3Bucket",
            "S3SseAlgorithm",
            "ExportFormat",
            "ExportType"),
        fieldNames(json));
    assertFalse(json.contains("null"), json);
  }

  @Test
  void prettyPrintedDocument() {
    var description =
        new ExportDescription(
            EXPORT_ARN,
            "FAILED",
            Instant.parse("2026-01-14T10:18:50.622Z"),
            Instant.parse("2026-01-14T10:18:51.001Z"),
            null,
            TABLE_ARN,
            null,
            null,
            null,
            "my-exports",
            null,
            null,
            "AES256",
            null,
            "S3NoSuchBucket",
            "The specified bucket does not exist",
            "DYNAMODB_JSON",
            null,
            null,
            "FULL_EXPORT",
            null);

    var json = new ExportResult(description).toJson().replace(System.lineSeparator(), "\n");

    assertEquals(
        """
        {
          "ExportDescription" : {
            "ExportArn" : "%s",
            "ExportStatus" : "FAILED",
            "StartTime" : "2026-01-14T10:18:50.622Z",
            "EndTime" : "2026-01-14T10:18:51.001Z",
            "TableArn" : "%s",
            "S3Bucket" : "my-exports",
            "S3SseAlgorithm" : "AES256",
            "FailureCode" : "S3NoSuchBucket",
            "FailureMessage" : "The specified bucket does not exist",
            "ExportFormat" : "DYNAMODB_JSON",
            "ExportType" : "FULL_EXPORT"
          }
        }\
        """
            .formatted(EXPORT_ARN, TABLE_ARN),
        json);
  }

  @Test
  void parseRoundTrips() throws IOException {
    var result = new ExportResult(completed());

    assertEquals(result, ExportResult.parse(result.toJson()));
  }

  @Test
  void parseRoundTripsAnIncrementalExport() throws IOException {
    var specification =
        new IncrementalExportSpecification(
            Instant.parse("2026-01-14T10:00:00Z"),
            Instant.parse("2026-01-14T11:00:00.5Z"),
            "NEW_IMAGE");
    var description =
        new ExportDescription(
            EXPORT_ARN,
            "FAILED",
            Instant.parse("2026-01-14T10:18:50.622Z"),
            Instant.parse("2026-01-14T10:18:51.001Z"),
            null,
            TABLE_ARN,
            null,
            null,
            null,
            "my-exports",
            null,
            null,
            "AES256",
            null,
            "PointInTimeRecoveryUnavailableException",
            "no PITR",
            "DYNAMODB_JSON",
            null,
            null,
            "INCREMENTAL_EXPORT",
            specification);
    var result = new ExportResult(description);

    var json = result.toJson();

    var written =
        JSON.readTree(json).get("ExportDescription").get("IncrementalExportSpecification");
    assertEquals("2026-01-14T10:00:00.000Z", written.get("ExportFromTime").textValue());
    assertEquals("2026-01-14T11:00:00.500Z", written.get("ExportToTime").textValue());
    assertEquals("NEW_IMAGE", written.get("ExportViewType").textValue());
    assertEquals(result, ExportResult.parse(json));
  }

  @Test
  void aTerminationMessageThatFitsIsTheWholeResultCompact() throws IOException {
    var result = new ExportResult(completed());

    var message = result.toTerminationMessage();

    assertFalse(message.contains("\n"), message);
    assertEquals(result, ExportResult.parse(message));
  }

  @Test
  void aLongFailureMessageIsCutFirst() throws IOException {
    var failed = longest("FAILED", "é".repeat(5_000), "p");

    var message = new ExportResult(failed).toTerminationMessage();

    assertTrue(bytes(message) <= ExportResult.TERMINATION_MESSAGE_MAX_BYTES, bytes(message) + " bytes");
    var read = ExportResult.parse(message).exportDescription();
    assertEquals("S3AccessDenied", read.failureCode());
    assertTrue(read.failureMessage().endsWith("..."), read.failureMessage());
    assertTrue(read.failureMessage().getBytes(StandardCharsets.UTF_8).length <= 1024);
    var c = completed();
    var shortRequest = new ExportDescription(c.exportArn(), "FAILED", c.startTime(), c.endTime(), null,
        c.tableArn(), c.tableId(), c.exportTime(), c.clientToken(), c.s3Bucket(), c.s3BucketOwner(),
        c.s3Prefix(), c.s3SseAlgorithm(), c.s3SseKmsKeyId(), "S3AccessDenied", "x".repeat(10_000),
        c.exportFormat(), null, null, c.exportType(), null);
    var kept = ExportResult.parse(new ExportResult(shortRequest).toTerminationMessage()).exportDescription();
    assertEquals(c.s3SseKmsKeyId(), kept.s3SseKmsKeyId(), "the request fits once the message is cut");
    assertEquals(1024, kept.failureMessage().length());
  }

  @Test
  void theLongestRequestStillFitsWithWhatTheOperatorRecords() throws IOException {
    var prefix = "p".repeat(ApiLimits.MAX_S3_PREFIX_LENGTH - 100);
    var completed = longest("COMPLETED", null, prefix);
    assertTrue(bytes(new ExportResult(completed).toJson()) > 6_000, "the whole result is long");

    var message = new ExportResult(completed).toTerminationMessage();

    assertTrue(bytes(message) <= ExportResult.TERMINATION_MESSAGE_MAX_BYTES, bytes(message) + " bytes");
    var read = ExportResult.parse(message).exportDescription();
    assertEquals("COMPLETED", read.exportStatus());
    assertEquals(completed.exportArn(), read.exportArn());
    assertEquals(completed.exportManifest(), read.exportManifest());
    assertEquals(completed.itemCount(), read.itemCount());
    assertEquals(completed.billedSizeBytes(), read.billedSizeBytes());
    assertEquals(completed.endTime(), read.endTime());
    assertEquals(null, read.s3SseKmsKeyId(), "the request's echo is left out");
  }

  @Test
  void aWorkersResultKeepsWhoItIsInTheLongestTerminationMessage() throws IOException {
    var completed = longest("COMPLETED", null, "p".repeat(ApiLimits.MAX_S3_PREFIX_LENGTH - 100));
    var worker = new ExportResult.Worker(63, 64, true);

    var message = new ExportResult(completed, worker).toTerminationMessage();

    assertTrue(bytes(message) <= ExportResult.TERMINATION_MESSAGE_MAX_BYTES,
        bytes(message) + " bytes");
    var read = ExportResult.parse(message);
    assertEquals(worker, read.worker());
    assertTrue(read.describesWholeExport());
    assertEquals(completed.itemCount(), read.exportDescription().itemCount());
  }

  @Test
  void aResultOfAnExportNotSplitHasNoWorkerAndDescribesTheWholeExport() throws IOException {
    var json = new ExportResult(completed()).toTerminationMessage();

    assertEquals(List.of("ExportDescription"), topLevelNames(json));
    assertTrue(ExportResult.parse(json).describesWholeExport());
    var part = new ExportResult(completed(), new ExportResult.Worker(1, 4, false));
    assertEquals(List.of("ExportDescription", "Worker"),
        topLevelNames(part.toTerminationMessage()));
    assertTrue(!ExportResult.parse(part.toTerminationMessage()).describesWholeExport());
  }

  /** A table ARN of 1,024 characters, a 2,048-character KMS key id, a manifest under the prefix. */
  private static ExportDescription longest(String status, String failureMessage, String prefix) {
    var tableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/"
        + "t".repeat(1024 - "arn:aws:dynamodb:us-east-1:123456789012:table/".length());
    var exportArn = tableArn + "/export/01768385930622-efd1a093";
    return new ExportDescription(exportArn, status, Instant.parse("2026-01-14T10:18:50.622Z"),
        Instant.parse("2026-01-14T10:24:03Z"),
        prefix + "/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json", tableArn,
        "0f3c9a52-4b1e-4c1f-9d7e-2a6b8c0d1e2f", Instant.parse("2026-01-14T10:18:50.622Z"),
        "c".repeat(36), "b".repeat(63), "123456789012", prefix, "KMS", "k".repeat(2048),
        failureMessage == null ? null : "S3AccessDenied", failureMessage, "DYNAMODB_JSON", 123456L,
        1000L, "FULL_EXPORT", null);
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static List<String> topLevelNames(String json) throws IOException {
    var names = new ArrayList<String>();
    JSON.readTree(json).fieldNames().forEachRemaining(names::add);
    return names;
  }
}
