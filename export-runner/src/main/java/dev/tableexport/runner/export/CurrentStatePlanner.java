package dev.tableexport.runner.export;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.source.ScanStart;
import dev.tableexport.runner.source.SourceTable;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Plans exports of the table's current state, by a parallel scan: all there is without a
 * point-in-time-recovery store, so a past export time or an incremental export is refused.
 */
public final class CurrentStatePlanner implements ExportPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(CurrentStatePlanner.class);

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
    return (context, startTime) -> scan(context, table, startTime);
  }

  /**
   * The scan starts as the export does: its export time is its start time, as DynamoDB's is. A
   * rerun goes on from the checkpoints of the attempts before it, with their segment count.
   */
  private ExportPlan.Result scan(ExportPlan.Context context, SourceTable table, Instant startTime)
      throws InterruptedException {
    var request = context.request();
    var settings = context.settings();
    var resume = context.resume();
    var share = context.share();
    var start = share.restrict(resume.scan()
        .orElseGet(() -> ScanStart.fromTheBeginning(segments(table, settings, share))));
    if (resume.scan().isPresent()) {
      LOG.info("Resuming from checkpoints: {} data files kept, {} of {} segments done,"
          + " {} under way",
          resume.files().size(), start.done().size(), start.totalSegments(),
          start.startKeys().size());
    }
    var format = request.exportFormat();
    var output =
        ExportPipeline.Output.scannedItems(request.s3Bucket(), context.layout().dataDirectory(),
            format).named(() -> context.layout().newDataFileName(format.dataFileSuffix()));
    var pipeline = new ExportPipeline<>(context.objects(), output, settings, resume,
        onFailure -> new Checkpoints(context.objects(), context.layout(), request.s3Bucket(),
            request.exportFormat().name(), start.totalSegments(), resume.nextSequence(),
            onFailure));
    var result = pipeline.runScan(
        ExportPipeline.scanOf(dynamo, table.arn().tableName(), start, settings, consistentRead));
    return new ExportPlan.Result(result, result.billedSizeBytes(), startTime, null,
        start.totalSegments());
  }

  /** Chosen by the table's size, unless asked for; for a split export, a multiple of the split. */
  private static int segments(
      SourceTable table, ExportPipeline.Settings settings, WorkerShare share) {
    int segments = share.segmentsFor(settings.scanSegments() > 0
        ? settings.scanSegments() : ScanSegments.forTable(table, settings.scanThreads()));
    if (settings.scanSegments() == 0 || segments != settings.scanSegments()) {
      LOG.info("Scanning in {} segments (table of about {} bytes, {} items){}", segments,
          table.sizeBytes(), table.itemCount(), share.split() ? ", " + share : "");
    }
    return segments;
  }
}
