package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.export.ExportId;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.SplitWorkers;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Exports from a continuous backup split across four workers, each keeping the keys of its hash
 * share: an export at a time and an incremental export each equal in content to one worker's.
 */
class SplitPitrExportIT {

  private static final String TABLE = "split-history";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "pitr");
  private static final ExportPipeline.Settings PIPELINE =
      new ExportPipeline.Settings(2, 2, 2, 4 * 1024);
  private static final int WORKERS = 4;
  private static final List<Integer> ALL = List.of(0, 1, 2, 3);

  private static LocalEnvironment local;
  private static LocalRecorder recorder;
  private static TableHistory history;
  private static Instant before;
  private static Instant after;
  /** The phase of the history that ends at {@code after}. */
  private static int phase;
  private static Path workDirectory;

  @BeforeAll
  static void recordAHistory() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    workDirectory = Files.createTempDirectory("split-pitr-it-");
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
    history = new TableHistory(local.dynamo(), TABLE);
    for (int i = 0; i < 120; i++) {
      history.put(TableHistory.item(key(i), 1, "initial " + i));
    }
    history.endPhase();
    recorder = new LocalRecorder(local, TABLE, STORE);
    // A recorder starved of CPU reads changes late and marks a hole: then the window is moved on.
    for (int attempt = 0;
        attempt < 3 && (attempt == 0 || recorder.holeTouching(before, after)); attempt++) {
      before = recorder.settledTime();
      for (int i = 0; i < 120; i += 5) { // keys 0 and 5 modulo 10; the deletes take 1, 2, 3
        history.updateNote(key(i), "changed " + i + " in attempt " + attempt);
      }
      for (int i = 1 + attempt; i < 120; i += 10) {
        history.delete(key(i));
      }
      history.put(TableHistory.item("new-" + attempt, 1, "created"));
      history.endPhase();
      phase++;
      after = recorder.settledTime();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (recorder != null) {
      recorder.close();
    }
    local.close();
  }

  @Test
  void exportAtATimeSplitFourWaysEqualsOneWorkers() throws Exception {
    var alone = service().export(full("alone"));

    var split = SplitWorkers.wholeExport(
        SplitWorkers.run(SplitPitrExportIT::service, full("split"), ALL, WORKERS));

    assertEquals(ExportDescription.COMPLETED, alone.exportStatus(), alone.failureMessage());
    assertEquals(alone.itemCount(), split.itemCount());
    assertEquals(history.itemsAt(phase).size(), split.itemCount());
    assertEquals(alone.billedSizeBytes(), split.billedSizeBytes());
    assertEquals(after, split.exportTime());
    var stored = new StoredExport(local.s3(), BUCKET, split);
    stored.assertWellFormed();
    assertEquals(CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, alone).items()),
        CanonicalItems.multiset(stored.items()));
    assertEquals(CanonicalItems.multiset(history.itemsAt(phase)),
        CanonicalItems.multiset(stored.items()));
  }

  @Test
  void incrementalExportSplitFourWaysEqualsOneWorkers() throws Exception {
    var alone = service().export(incremental("alone-incremental"));

    var split = SplitWorkers.wholeExport(SplitWorkers.run(SplitPitrExportIT::service,
        incremental("split-incremental"), ALL, WORKERS));

    assertEquals(ExportDescription.COMPLETED, alone.exportStatus(), alone.failureMessage());
    assertEquals(alone.itemCount(), split.itemCount());
    assertEquals(alone.billedSizeBytes(), split.billedSizeBytes());
    var stored = new StoredExport(local.s3(), BUCKET, split);
    stored.assertWellFormed();
    assertEquals(changes(new StoredExport(local.s3(), BUCKET, alone)), changes(stored));
    var keys = stored.changes().stream().map(change -> change.keys().get("id").s()).toList();
    assertEquals(keys.size(), new HashSet<>(keys).size(), "one record per item changed");
  }

  private static TreeSet<String> changes(StoredExport export) {
    var texts = new TreeSet<String>();
    for (var change : export.changes()) {
      texts.add(CanonicalItems.text(change.keys()) + " " + change.writeTimestampMicros() + " "
          + text(change.oldImage()) + " -> " + text(change.newImage()));
    }
    return texts;
  }

  private static String text(Map<String, AttributeValue> image) {
    return image == null ? "none" : CanonicalItems.text(image);
  }

  /** Merges spill to disk after 1 KiB, so that each worker's external sort merges runs. */
  private static ExportService service() {
    var planner = new PitrExportPlanner(local.s3(),
        new PitrExportPlanner.Settings(STORE, Duration.ZERO, workDirectory, 1024));
    return new ExportService(local.dynamo(), local.s3(), planner, PIPELINE, Clock.systemUTC());
  }

  private static ExportRequest full(String prefix) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, prefix, null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, after, null, null,
        ExportId.generate(Instant.now()));
  }

  private static ExportRequest incremental(String prefix) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, prefix, null, null, null,
        ExportFormat.ION, ExportType.INCREMENTAL_EXPORT, null,
        new IncrementalExportSpecification(before, after, "NEW_AND_OLD_IMAGES"), null,
        ExportId.generate(Instant.now()));
  }

  private static String key(int index) {
    return String.format("k%03d", index);
  }
}
