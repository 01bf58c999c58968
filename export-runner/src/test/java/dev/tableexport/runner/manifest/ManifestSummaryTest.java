package dev.tableexport.runner.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManifestSummaryTest {

  private static final String EXPORT_ARN =
      "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/export/01768385930622-efd1a093";
  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";
  private static final String TABLE_ID = "0f3c9a52-4b1e-4c1f-9d7e-2a6b8c0d1e2f";

  private static ManifestSummary summary(
      String s3Prefix, String sseAlgorithm, String kmsKeyId, String manifestFilesKey) {
    return new ManifestSummary(
        EXPORT_ARN,
        Instant.parse("2026-01-14T10:18:50.622Z"),
        Instant.parse("2026-01-14T10:24:03.007Z"),
        TABLE_ARN,
        TABLE_ID,
        Instant.parse("2026-01-14T10:18:50.622Z"),
        "my-exports",
        s3Prefix,
        sseAlgorithm,
        kmsKeyId,
        manifestFilesKey,
        123456L,
        1000L,
        "DYNAMODB_JSON",
        null,
        null,
        null);
  }

  @Test
  void fullExportWithoutPrefix() {
    var summary =
        summary(null, "AES256", null, "AWSDynamoDB/01768385930622-efd1a093/manifest-files.json");

    assertEquals(
        "{\"version\":\"2020-06-30\","
            + "\"exportArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/Orders/export/"
            + "01768385930622-efd1a093\","
            + "\"startTime\":\"2026-01-14T10:18:50.622Z\","
            + "\"endTime\":\"2026-01-14T10:24:03.007Z\","
            + "\"tableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/Orders\","
            + "\"tableId\":\"0f3c9a52-4b1e-4c1f-9d7e-2a6b8c0d1e2f\","
            + "\"exportTime\":\"2026-01-14T10:18:50.622Z\","
            + "\"s3Bucket\":\"my-exports\","
            + "\"s3Prefix\":null,"
            + "\"s3SseAlgorithm\":\"AES256\","
            + "\"s3SseKmsKeyId\":null,"
            + "\"manifestFilesS3Key\":\"AWSDynamoDB/01768385930622-efd1a093/manifest-files.json\","
            + "\"billedSizeBytes\":123456,"
            + "\"itemCount\":1000,"
            + "\"outputFormat\":\"DYNAMODB_JSON\"}",
        new String(summary.toBytes(), UTF_8));
  }

  @Test
  void fullExportWithPrefixAndKms() {
    var kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    var summary =
        summary(
            "exports/2026",
            "KMS",
            kmsKey,
            "exports/2026/AWSDynamoDB/01768385930622-efd1a093/manifest-files.json");

    var text = new String(summary.toBytes(), UTF_8);

    assertEquals(
        "{\"version\":\"2020-06-30\","
            + "\"exportArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/Orders/export/"
            + "01768385930622-efd1a093\","
            + "\"startTime\":\"2026-01-14T10:18:50.622Z\","
            + "\"endTime\":\"2026-01-14T10:24:03.007Z\","
            + "\"tableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/Orders\","
            + "\"tableId\":\"0f3c9a52-4b1e-4c1f-9d7e-2a6b8c0d1e2f\","
            + "\"exportTime\":\"2026-01-14T10:18:50.622Z\","
            + "\"s3Bucket\":\"my-exports\","
            + "\"s3Prefix\":\"exports/2026\","
            + "\"s3SseAlgorithm\":\"KMS\","
            + "\"s3SseKmsKeyId\":\"arn:aws:kms:us-east-1:123456789012:key/"
            + "1234abcd-12ab-34cd-56ef-1234567890ab\","
            + "\"manifestFilesS3Key\":\"exports/2026/AWSDynamoDB/01768385930622-efd1a093/"
            + "manifest-files.json\","
            + "\"billedSizeBytes\":123456,"
            + "\"itemCount\":1000,"
            + "\"outputFormat\":\"DYNAMODB_JSON\"}",
        text);
    assertFalse(text.contains("\n"));
  }

  @Test
  void timesHaveMillisecondsAndZ() {
    var summary =
        new ManifestSummary(
            EXPORT_ARN,
            Instant.parse("2026-01-14T10:00:00Z"),
            Instant.parse("2026-01-14T10:00:01.5Z"),
            TABLE_ARN,
            TABLE_ID,
            Instant.parse("2026-01-14T09:59:59.999999999Z"),
            "b1",
            null,
            "AES256",
            null,
            "k",
            0,
            0,
            "ION",
            null,
            null,
            null);

    var text = new String(summary.toBytes(), UTF_8);

    assertEquals(
        "{\"version\":\"2020-06-30\",\"exportArn\":\""
            + EXPORT_ARN
            + "\","
            + "\"startTime\":\"2026-01-14T10:00:00.000Z\",\"endTime\":\"2026-01-14T10:00:01.500Z\","
            + "\"tableArn\":\""
            + TABLE_ARN
            + "\",\"tableId\":\""
            + TABLE_ID
            + "\","
            + "\"exportTime\":\"2026-01-14T09:59:59.999Z\",\"s3Bucket\":\"b1\",\"s3Prefix\":null,"
            + "\"s3SseAlgorithm\":\"AES256\",\"s3SseKmsKeyId\":null,\"manifestFilesS3Key\":\"k\","
            + "\"billedSizeBytes\":0,\"itemCount\":0,\"outputFormat\":\"ION\"}",
        text);
  }

  @Test
  void largeCountsAreUnquotedNumbers() {
    var summary =
        new ManifestSummary(
            EXPORT_ARN,
            Instant.parse("2026-01-14T10:18:50.622Z"),
            Instant.parse("2026-01-14T10:18:50.622Z"),
            TABLE_ARN,
            TABLE_ID,
            Instant.parse("2026-01-14T10:18:50.622Z"),
            "b1",
            null,
            "AES256",
            null,
            "k",
            109_951_162_777_600L,
            9_876_543_210L,
            "DYNAMODB_JSON",
            null,
            null,
            null);

    var text = new String(summary.toBytes(), UTF_8);

    assertTrue(
        text.endsWith(
            ",\"billedSizeBytes\":109951162777600,\"itemCount\":9876543210,"
                + "\"outputFormat\":\"DYNAMODB_JSON\"}"),
        text);
  }

  @Test
  void parseRoundTrips() throws IOException {
    var withoutPrefix = summary(null, "AES256", null, "AWSDynamoDB/x/manifest-files.json");
    var withPrefix = summary("p", "KMS", "key-1", "p/AWSDynamoDB/x/manifest-files.json");

    assertEquals(withoutPrefix, ManifestSummary.parse(withoutPrefix.toBytes()));
    assertEquals(withPrefix, ManifestSummary.parse(withPrefix.toBytes()));
  }

  @Test
  void parseReadsDynamoDbsOwnSummaryIncludingItsExportType() throws IOException {
    var real =
        "{\"version\":\"2020-06-30\",\"exportArn\":\""
            + EXPORT_ARN
            + "\","
            + "\"startTime\":\"2026-01-14T10:18:50.622Z\",\"endTime\":\"2026-01-14T10:24:03.007Z\","
            + "\"tableArn\":\""
            + TABLE_ARN
            + "\",\"tableId\":\""
            + TABLE_ID
            + "\","
            + "\"exportTime\":\"2026-01-14T10:18:50.622Z\",\"s3Bucket\":\"my-exports\","
            + "\"s3Prefix\":null,\"s3SseAlgorithm\":\"AES256\",\"s3SseKmsKeyId\":null,"
            + "\"manifestFilesS3Key\":\"AWSDynamoDB/01768385930622-efd1a093/manifest-files.json\","
            + "\"billedSizeBytes\":123456,\"itemCount\":1000,\"outputFormat\":\"DYNAMODB_JSON\","
            + "\"exportType\":\"FULL_EXPORT\"}";

    var parsed = ManifestSummary.parse(real.getBytes(UTF_8));

    assertEquals(
        summary(null, "AES256", null, "AWSDynamoDB/01768385930622-efd1a093/manifest-files.json"),
        parsed);
  }

  @Test
  void incrementalExportHasItsVersionWindowViewAndType() throws Exception {
    var summary =
        new ManifestSummary(
            EXPORT_ARN,
            Instant.parse("2026-01-14T12:00:00.100Z"),
            Instant.parse("2026-01-14T12:00:09.200Z"),
            TABLE_ARN,
            TABLE_ID,
            null,
            "b1",
            "p",
            "AES256",
            null,
            "p/AWSDynamoDB/01768385930622-efd1a093/manifest-files.json",
            10_000_000,
            3,
            "DYNAMODB_JSON",
            Instant.parse("2026-01-14T10:00:00Z"),
            Instant.parse("2026-01-14T11:00:00.5Z"),
            "NEW_IMAGE");

    var text = new String(summary.toBytes(), UTF_8);

    assertEquals(
        "{\"version\":\"2023-08-01\",\"exportArn\":\""
            + EXPORT_ARN
            + "\",\"startTime\":\"2026-01-14T12:00:00.100Z\",\"endTime\":\"2026-01-14T12:00:09.200Z\","
            + "\"tableArn\":\""
            + TABLE_ARN
            + "\",\"tableId\":\""
            + TABLE_ID
            + "\",\"exportFromTime\":\"2026-01-14T10:00:00.000Z\","
            + "\"exportToTime\":\"2026-01-14T11:00:00.500Z\",\"s3Bucket\":\"b1\",\"s3Prefix\":\"p\","
            + "\"s3SseAlgorithm\":\"AES256\",\"s3SseKmsKeyId\":null,"
            + "\"manifestFilesS3Key\":\"p/AWSDynamoDB/01768385930622-efd1a093/manifest-files.json\","
            + "\"billedSizeBytes\":10000000,\"itemCount\":3,\"outputFormat\":\"DYNAMODB_JSON\","
            + "\"outputView\":\"NEW_IMAGE\",\"exportType\":\"INCREMENTAL_EXPORT\"}",
        text);
    assertEquals(summary, ManifestSummary.parse(summary.toBytes()));
  }
}
