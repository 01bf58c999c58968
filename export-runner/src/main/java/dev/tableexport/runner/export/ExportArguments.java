package dev.tableexport.runner.export;

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
    String exportArn) {}
