package dev.tableexport.runner.pitr;

import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.format.ExportFormat;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Takes a base snapshot: a parallel scan of the table into the store, by the export pipeline, in
 * DYNAMODB_JSON. The scan is fuzzy; the manifest records when it began and ended, the times from
 * which change records make it exact.
 */
final class Snapshotter {

  /** Eventually consistent reads: the change records since the scan began make it exact anyway. */
  private static final boolean EVENTUALLY = false;

  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

  private final DynamoDbClient dynamo;
  private final BackupStore store;
  private final String tableName;
  private final ExportPipeline.Settings settings;
  private final LongSupplier nowMicros;

  Snapshotter(
      DynamoDbClient dynamo,
      BackupStore store,
      String tableName,
      ExportPipeline.Settings settings,
      LongSupplier nowMicros) {
    this.dynamo = dynamo;
    this.store = store;
    this.tableName = tableName;
    this.settings = settings;
    this.nowMicros = nowMicros;
  }

  SnapshotManifest take() throws InterruptedException {
    long startMicros = nowMicros.getAsLong();
    var directory = store.snapshotDataDirectory(startMicros);
    LOG.info("Taking a base snapshot of table {} into {}", tableName, directory);
    var output =
        ExportPipeline.Output.scannedItems(
            store.location().bucket(), directory, ExportFormat.DYNAMODB_JSON);
    var result =
        new ExportPipeline<>(store.objects(), output, settings)
            .run(ExportPipeline.scanOf(dynamo, tableName,
                settings.scanSegmentsOr(settings.scanThreads()), EVENTUALLY));
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
}
