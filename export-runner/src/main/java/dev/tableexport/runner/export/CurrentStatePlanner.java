package dev.tableexport.runner.export;

import dev.tableexport.runner.source.SourceTable;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Plans exports of the table's current state, by a parallel scan: all there is without a
 * point-in-time-recovery store, so a past export time or an incremental export is refused.
 */
public final class CurrentStatePlanner implements ExportPlanner {

  private final DynamoDbClient dynamo;
  private final boolean consistentRead;

  /**
   * @param consistentRead strongly consistent scans (twice the read capacity) instead of
   *     eventually consistent ones
   */
  public CurrentStatePlanner(DynamoDbClient dynamo, boolean consistentRead) {
    this.dynamo = dynamo;
    this.consistentRead = consistentRead;
  }

  @Override
  public ExportPlan plan(ExportRequest request, SourceTable table, Instant now) {
    var tableName = table.arn().tableName();
    if (request.exportType() == ExportType.INCREMENTAL_EXPORT) {
      throw new ExportFailure(
          FailureCodes.PITR_UNAVAILABLE,
          "Incremental exports need point-in-time recovery, and no --pitr-store was given for table "
              + tableName
              + ". Record the table with `export-runner record` and pass its store as --pitr-store,"
              + " or export the current state with --export-type FULL_EXPORT and no --export-time.");
    }
    if (request.exportTime() != null) {
      if (request.exportTime().isAfter(now)) {
        throw new ExportFailure(
            FailureCodes.INVALID_EXPORT_TIME,
            "--export-time " + request.exportTime() + " is in the future; give a past time or none.");
      }
      throw new ExportFailure(
          FailureCodes.PITR_UNAVAILABLE,
          "An export at a past --export-time needs point-in-time recovery, and no --pitr-store was"
              + " given for table "
              + tableName
              + ". Record the table with `export-runner record` and pass its store as --pitr-store,"
              + " or leave out --export-time to export the current state.");
    }
    return (context, startTime) -> scan(context, tableName, startTime);
  }

  /** The scan starts as the export does: its export time is its start time, as DynamoDB's is. */
  private ExportPlan.Result scan(ExportPlan.Context context, String tableName, Instant startTime)
      throws InterruptedException {
    var request = context.request();
    var output =
        ExportPipeline.Output.scannedItems(
            request.s3Bucket(), context.layout().dataDirectory(), request.exportFormat());
    var scan =
        ExportPipeline.scanOf(
            dynamo, tableName, context.settings().scanSegments(), consistentRead);
    var result = new ExportPipeline<>(context.objects(), output, context.settings()).run(scan);
    return new ExportPlan.Result(result, result.billedSizeBytes(), startTime, null);
  }
}
