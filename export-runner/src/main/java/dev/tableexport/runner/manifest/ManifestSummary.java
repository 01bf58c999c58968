package dev.tableexport.runner.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.contract.AwsTimestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * manifest-summary.json: one compact line, no trailing newline, keys in the order a real DynamoDB
 * export writes them (export-format.md). A full export's ({@code "version":"2020-06-30"}) has, like
 * a real 2026 export, no {@code exportType} key; an incremental export's ({@code
 * "version":"2023-08-01"}) has {@code exportFromTime, exportToTime} where the full one has {@code
 * exportTime}, and {@code outputView, exportType} at the end.
 *
 * @param exportTime null for an incremental export
 * @param outputView null for a full export; NEW_AND_OLD_IMAGES or NEW_IMAGE for an incremental one
 */
public record ManifestSummary(
    String exportArn,
    Instant startTime,
    Instant endTime,
    String tableArn,
    String tableId,
    Instant exportTime,
    String s3Bucket,
    String s3Prefix,
    String s3SseAlgorithm,
    String s3SseKmsKeyId,
    String manifestFilesS3Key,
    long billedSizeBytes,
    long itemCount,
    String outputFormat,
    Instant exportFromTime,
    Instant exportToTime,
    String outputView) {

  public static final String FULL_EXPORT_VERSION = "2020-06-30";
  public static final String INCREMENTAL_EXPORT_VERSION = "2023-08-01";

  public boolean incremental() {
    return outputView != null;
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper();

  public byte[] toBytes() {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("version", incremental() ? INCREMENTAL_EXPORT_VERSION : FULL_EXPORT_VERSION);
      json.writeStringField("exportArn", exportArn);
      json.writeStringField("startTime", AwsTimestamps.format(startTime));
      json.writeStringField("endTime", AwsTimestamps.format(endTime));
      json.writeStringField("tableArn", tableArn);
      json.writeStringField("tableId", tableId);
      if (incremental()) {
        json.writeStringField("exportFromTime", AwsTimestamps.format(exportFromTime));
        json.writeStringField("exportToTime", AwsTimestamps.format(exportToTime));
      } else {
        json.writeStringField("exportTime", AwsTimestamps.format(exportTime));
      }
      json.writeStringField("s3Bucket", s3Bucket);
      json.writeStringField("s3Prefix", s3Prefix);
      json.writeStringField("s3SseAlgorithm", s3SseAlgorithm);
      json.writeStringField("s3SseKmsKeyId", s3SseKmsKeyId);
      json.writeStringField("manifestFilesS3Key", manifestFilesS3Key);
      json.writeNumberField("billedSizeBytes", billedSizeBytes);
      json.writeNumberField("itemCount", itemCount);
      json.writeStringField("outputFormat", outputFormat);
      if (incremental()) {
        json.writeStringField("outputView", outputView);
        json.writeStringField("exportType", "INCREMENTAL_EXPORT");
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static ManifestSummary parse(byte[] bytes) throws IOException {
    JsonNode json = READER.readTree(bytes);
    return new ManifestSummary(
        text(json, "exportArn"),
        AwsTimestamps.parse(text(json, "startTime")),
        AwsTimestamps.parse(text(json, "endTime")),
        text(json, "tableArn"),
        text(json, "tableId"),
        AwsTimestamps.parse(text(json, "exportTime")),
        text(json, "s3Bucket"),
        text(json, "s3Prefix"),
        text(json, "s3SseAlgorithm"),
        text(json, "s3SseKmsKeyId"),
        text(json, "manifestFilesS3Key"),
        json.path("billedSizeBytes").asLong(),
        json.path("itemCount").asLong(),
        text(json, "outputFormat"),
        AwsTimestamps.parse(text(json, "exportFromTime")),
        AwsTimestamps.parse(text(json, "exportToTime")),
        text(json, "outputView"));
  }

  private static String text(JsonNode json, String field) {
    var value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
