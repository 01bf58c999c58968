package dev.tableexport.runner.export;

import dev.tableexport.contract.ExportDescription;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An export request as given on the command line, every value still text, so that each bad value
 * can be reported as DynamoDB reports it, as a ValidationException naming the flag.
 */
public record ExportArguments(
    String tableArn,
    String s3Bucket,
    String s3Prefix,
    String s3BucketOwner,
    String s3SseAlgorithm,
    String s3SseKmsKeyId,
    String exportFormat,
    String exportType,
    String exportTime,
    String incrementalExportSpecification,
    String clientToken,
    String exportArn) {

  /** The description of a request rejected before it started: only what the caller gave. */
  public ExportDescription rejectedDescription(ExportFailure failure, Instant at) {
    var now = at.truncatedTo(ChronoUnit.MILLIS);
    return new ExportDescription(
        exportArn,
        ExportDescription.FAILED,
        now,
        now,
        null,
        tableArn,
        null,
        null,
        clientToken,
        s3Bucket,
        s3BucketOwner,
        s3Prefix,
        s3SseAlgorithm,
        s3SseKmsKeyId,
        failure.code(),
        failure.getMessage(),
        exportFormat,
        null,
        null,
        exportType,
        null);
  }
}
