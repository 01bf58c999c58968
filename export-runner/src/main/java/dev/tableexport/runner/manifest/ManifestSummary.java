package dev.tableexport.runner.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * manifest-summary.json of a full export ({@code "version":"2020-06-30"}): one compact line, no
 * trailing newline, keys in the order a real DynamoDB export writes them (export-format.md). Like
 * a real 2026 full export, it has no {@code exportType} key.
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
    String outputFormat) {

  public static final String FULL_EXPORT_VERSION = "2020-06-30";

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper();

  public byte[] toBytes() {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("version", FULL_EXPORT_VERSION);
      json.writeStringField("exportArn", exportArn);
      json.writeStringField("startTime", AwsTimestamps.format(startTime));
      json.writeStringField("endTime", AwsTimestamps.format(endTime));
      json.writeStringField("tableArn", tableArn);
      json.writeStringField("tableId", tableId);
      json.writeStringField("exportTime", AwsTimestamps.format(exportTime));
      json.writeStringField("s3Bucket", s3Bucket);
      json.writeStringField("s3Prefix", s3Prefix);
      json.writeStringField("s3SseAlgorithm", s3SseAlgorithm);
      json.writeStringField("s3SseKmsKeyId", s3SseKmsKeyId);
      json.writeStringField("manifestFilesS3Key", manifestFilesS3Key);
      json.writeNumberField("billedSizeBytes", billedSizeBytes);
      json.writeNumberField("itemCount", itemCount);
      json.writeStringField("outputFormat", outputFormat);
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
        text(json, "outputFormat"));
  }

  private static String text(JsonNode json, String field) {
    var value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
