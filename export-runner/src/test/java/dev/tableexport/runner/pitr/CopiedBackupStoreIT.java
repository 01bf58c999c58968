package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A store copied, every object of it, to another prefix, the original deleted: exports from the
 * copy are the same as from the original, from manifests of today and of earlier versions alike.
 */
class CopiedBackupStoreIT {

  private static final String TABLE = "copied";
  private static final String BUCKET = "exports";
  private static final StoreLocation ORIGINAL = new StoreLocation("backups", "original");
  private static final StoreLocation COPY = new StoreLocation("backups", "moved/copy");
  private static final ExportPipeline.Settings PIPELINE = new ExportPipeline.Settings(2, 2, 2, 16 * 1024);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalEnvironment local;
  private static Path workDirectory;
  private static Instant beforeChanges;
  private static Instant afterChanges;

  @BeforeAll
  static void recordATable() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    workDirectory = Files.createTempDirectory("copied-store-it-");
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
    var history = new TableHistory(local.dynamo(), TABLE);
    for (int i = 0; i < 40; i++) {
      history.put(TableHistory.item("k" + i, 1, "initial " + i));
    }
    try (var recorder = new LocalRecorder(local, TABLE, ORIGINAL)) {
      beforeChanges = recorder.settledTime();
      for (int i = 0; i < 10; i++) {
        history.updateNote("k" + i, "changed " + i);
        history.delete("k" + (20 + i));
      }
      afterChanges = recorder.settledTime();
    }
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void aCopiedStoreExportsTheSameItemsAsTheOriginalOnceTheOriginalIsGone() throws IOException {
    var fromOriginal = List.of(items(export(ORIGINAL, beforeChanges)), items(export(ORIGINAL, afterChanges)));
    assertEquals(30, fromOriginal.get(1).size(), "the changes are in the original's exports");

    copyEveryObject(ORIGINAL, COPY);
    deleteEveryObject(ORIGINAL);

    assertEquals(fromOriginal, List.of(items(export(COPY, beforeChanges)), items(export(COPY, afterChanges))));

    rewriteManifestsAsEarlierVersionsDid(COPY, ORIGINAL);
    assertEquals(fromOriginal, List.of(items(export(COPY, beforeChanges)), items(export(COPY, afterChanges))),
        "manifests holding the original's full keys read the copy's data files");
  }

  private static List<String> items(ExportDescription description) {
    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    return CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, description).items());
  }

  private static ExportDescription export(StoreLocation store, Instant time) {
    var planner = new PitrExportPlanner(local.s3(),
        new PitrExportPlanner.Settings(store, Duration.ZERO, workDirectory, 1024));
    var request = new ExportRequest(TestTables.arn(TABLE), BUCKET, "copied", null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, time, null, null, null);
    return new ExportService(local.dynamo(), local.s3(), planner, PIPELINE, Clock.systemUTC()).export(request);
  }

  private static List<String> keysUnder(StoreLocation store) {
    var keys = local.s3().listObjectsV2Paginator(list -> list.bucket(store.bucket()).prefix(store.tableRoot(TABLE)))
        .contents().stream().map(object -> object.key()).toList();
    assertTrue(!keys.isEmpty(), "the store " + store + " holds objects");
    return keys;
  }

  private static void copyEveryObject(StoreLocation from, StoreLocation to) {
    var objects = new BackupStore(local.s3(), from, TABLE).objects();
    for (var key : keysUnder(from)) {
      var copy = to.tableRoot(TABLE) + key.substring(from.tableRoot(TABLE).length());
      objects.put(copy, objects.getIfExists(key).orElseThrow());
    }
  }

  private static void deleteEveryObject(StoreLocation store) {
    new BackupStore(local.s3(), store, TABLE).objects().deleteAllUnder(store.tableRoot(TABLE));
    assertEquals(List.of(), local.s3().listObjectsV2(list -> list.bucket(store.bucket())
        .prefix(store.tableRoot(TABLE))).contents());
  }

  /** Manifests as earlier versions wrote them: the data files' full keys, here the original's. */
  private static void rewriteManifestsAsEarlierVersionsDid(StoreLocation store, StoreLocation original)
      throws IOException {
    var copy = new BackupStore(local.s3(), store, TABLE);
    var snapshots = copy.listSnapshots();
    assertTrue(!snapshots.isEmpty(), "the copy has snapshots");
    for (var snapshot : snapshots) {
      var directory = "snapshots/" + SnapshotManifest.directoryName(snapshot.startMicros()) + "/";
      var fullKeys = snapshot.dataFiles().stream()
          .map(file -> original.tableRoot(TABLE) + directory + file).toList();
      var legacy = Map.of("startMicros", snapshot.startMicros(), "endMicros", snapshot.endMicros(),
          "itemCount", snapshot.itemCount(), "dataFileKeys", fullKeys);
      copy.objects().put(store.tableRoot(TABLE) + directory + "snapshot.json", JSON.writeValueAsBytes(legacy));
    }
  }
}
