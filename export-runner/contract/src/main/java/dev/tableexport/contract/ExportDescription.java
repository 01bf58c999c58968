package dev.tableexport.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/**
 * The outcome of an export, field for field DynamoDB's ExportDescription as the AWS CLI's {@code
 * describe-export} prints it. Absent fields are omitted, as the CLI omits them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "ExportArn", "ExportStatus", "StartTime", "EndTime", "ExportManifest", "TableArn", "TableId",
  "ExportTime", "ClientToken", "S3Bucket", "S3BucketOwner", "S3Prefix", "S3SseAlgorithm",
  "S3SseKmsKeyId", "FailureCode", "FailureMessage", "ExportFormat", "BilledSizeBytes", "ItemCount",
  "ExportType", "IncrementalExportSpecification"
})
public record ExportDescription(
    @JsonProperty("ExportArn") String exportArn,
    @JsonProperty("ExportStatus") String exportStatus,
    @JsonProperty("StartTime")
        @JsonSerialize(using = AwsTimestampSerializer.class)
        @JsonDeserialize(using = AwsTimestampDeserializer.class)
        Instant startTime,
    @JsonProperty("EndTime")
        @JsonSerialize(using = AwsTimestampSerializer.class)
        @JsonDeserialize(using = AwsTimestampDeserializer.class)
        Instant endTime,
    @JsonProperty("ExportManifest") String exportManifest,
    @JsonProperty("TableArn") String tableArn,
    @JsonProperty("TableId") String tableId,
    @JsonProperty("ExportTime")
        @JsonSerialize(using = AwsTimestampSerializer.class)
        @JsonDeserialize(using = AwsTimestampDeserializer.class)
        Instant exportTime,
    @JsonProperty("ClientToken") String clientToken,
    @JsonProperty("S3Bucket") String s3Bucket,
    @JsonProperty("S3BucketOwner") String s3BucketOwner,
    @JsonProperty("S3Prefix") String s3Prefix,
    @JsonProperty("S3SseAlgorithm") String s3SseAlgorithm,
    @JsonProperty("S3SseKmsKeyId") String s3SseKmsKeyId,
    @JsonProperty("FailureCode") String failureCode,
    @JsonProperty("FailureMessage") String failureMessage,
    @JsonProperty("ExportFormat") String exportFormat,
    @JsonProperty("BilledSizeBytes") Long billedSizeBytes,
    @JsonProperty("ItemCount") Long itemCount,
    @JsonProperty("ExportType") String exportType,
    @JsonProperty("IncrementalExportSpecification")
        IncrementalExportSpecification incrementalExportSpecification) {

  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  public boolean completed() {
    return COMPLETED.equals(exportStatus);
  }
}
