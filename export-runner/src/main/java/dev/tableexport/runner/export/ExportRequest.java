package dev.tableexport.runner.export;

import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.format.ExportFormat;
import java.time.Instant;

/**
 * A validated ExportTableToPointInTime request, plus the ExportArn a caller may assign.
 *
 * @param s3SseAlgorithm {@code AES256}, {@code KMS}, or null when none was requested
 * @param exportTime null for the latest restorable time
 * @param exportArn null to have one generated, as DynamoDB does
 */
public record ExportRequest(
    TableArn tableArn,
    String s3Bucket,
    String s3Prefix,
    String s3BucketOwner,
    String s3SseAlgorithm,
    String s3SseKmsKeyId,
    ExportFormat exportFormat,
    ExportType exportType,
    Instant exportTime,
    IncrementalExportSpecification incrementalExportSpecification,
    String clientToken,
    ExportId exportId) {}
