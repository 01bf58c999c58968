package dev.tableexport.operator.engine;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.operator.api.TableExportSpec;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;

/** A TableExport's spec as DynamoDB's request, and DynamoDB's ExportDescription as ours. Pure. */
final class NativeRequests {

  private NativeRequests() {}

  static ExportTableToPointInTimeRequest request(TableExportSpec spec, String clientToken) {
    var request = ExportTableToPointInTimeRequest.builder()
        .tableArn(spec.getTableArn())
        .s3Bucket(spec.getS3Bucket())
        .s3Prefix(spec.getS3Prefix())
        .s3BucketOwner(spec.getS3BucketOwner())
        .s3SseAlgorithm(name(spec.getS3SseAlgorithm()))
        .s3SseKmsKeyId(spec.getS3SseKmsKeyId())
        .exportFormat(name(spec.getExportFormat()))
        .exportType(name(spec.getExportType()))
        .exportTime(time(spec.getExportTime()))
        .clientToken(clientToken);
    var incremental = spec.getIncrementalExportSpecification();
    if (incremental != null) {
      request.incrementalExportSpecification(window -> window
          .exportFromTime(time(incremental.getExportFromTime()))
          .exportToTime(time(incremental.getExportToTime()))
          .exportViewType(name(incremental.getExportViewType())));
    }
    return request.build();
  }

  static ExportDescription description(
      software.amazon.awssdk.services.dynamodb.model.ExportDescription d) {
    var window = d.incrementalExportSpecification();
    return new ExportDescription(d.exportArn(), d.exportStatusAsString(), d.startTime(), d.endTime(),
        d.exportManifest(), d.tableArn(), d.tableId(), d.exportTime(), d.clientToken(), d.s3Bucket(),
        d.s3BucketOwner(), d.s3Prefix(), d.s3SseAlgorithmAsString(), d.s3SseKmsKeyId(), d.failureCode(),
        d.failureMessage(), d.exportFormatAsString(), d.billedSizeBytes(), d.itemCount(),
        d.exportTypeAsString(),
        window == null ? null : new IncrementalExportSpecification(window.exportFromTime(),
            window.exportToTime(), window.exportViewTypeAsString()));
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static Instant time(String rfc3339) {
    return rfc3339 == null ? null : PitrCheck.instant(rfc3339);
  }
}
