package dev.tableexport.runner.pitr;

import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ScanSegments;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.source.ScanStart;
import dev.tableexport.runner.source.SourceTable;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Takes a base snapshot: a parallel scan of the table into the store, by the export pipeline, in
 * DYNAMODB_JSON, in as many segments as an export's scan of the table as it is now ({@link
 * ScanSegments}). The scan is fuzzy; the manifest records when it began and ended, the times from
 * which change records make it exact. A snapshot is not resumed: one a stopped recorder left
 * incomplete is deleted, and the next is a new scan, whose segment count is chosen anew.
 */
final class Snapshotter {

  /** Eventually consistent reads: the change records since the scan began make it exact anyway. */
  private static final boolean EVENTUALLY = false;

  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

  private final DynamoDbClient dynamo;
  private final BackupStore store;
  private final SourceTable table;
  private final ExportPipeline.Settings settings;
  private final LongSupplier nowMicros;

  Snapshotter(
      DynamoDbClient dynamo,
      BackupStore store,
      SourceTable table,
      ExportPipeline.Settings settings,
      LongSupplier nowMicros) {
    this.dynamo = dynamo;
    this.store = store;
    this.table = table;
    this.settings = settings;
    this.nowMicros = nowMicros;
  }

  SnapshotManifest take() throws InterruptedException {
    long startMicros = nowMicros.getAsLong();
    var directory = store.snapshotDataDirectory(startMicros);
    var tableName = table.arn().tableName();
    // Described now: the recorder runs for days, the table grows or shrinks meanwhile.
    var described = SourceTable.describe(dynamo, table.arn());
    int segments = segments(described, settings);
    LOG.info("Taking a base snapshot of table {} into {}: {} segments (table of about {} bytes,"
        + " {} items)", tableName, directory, segments, described.sizeBytes(),
        described.itemCount());
    var output =
        ExportPipeline.Output.scannedItems(
            store.location().bucket(), directory, ExportFormat.DYNAMODB_JSON);
    var result =
        new ExportPipeline<>(store.objects(), output, settings)
            .runScan(ExportPipeline.scanOf(dynamo, tableName,
                ScanStart.fromTheBeginning(segments), settings, EVENTUALLY));
    var manifest =
        new SnapshotManifest(
            startMicros,
            nowMicros.getAsLong(),
            result.itemCount(),
            result.files().stream()
                .map(file -> store.relativeToSnapshot(startMicros, file.dataFileS3Key()))
                .toList());
    store.writeSnapshotManifest(manifest);
    LOG.info("Base snapshot of table {} complete: {} items", tableName, result.itemCount());
    return manifest;
  }

  /** As an export's scan: chosen by the table's size, unless {@code --scan-segments} asks. */
  static int segments(SourceTable table, ExportPipeline.Settings settings) {
    return settings.scanSegmentsOr(ScanSegments.forTable(table, settings.scanThreads()));
  }
}
