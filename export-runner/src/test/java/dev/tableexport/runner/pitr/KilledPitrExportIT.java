package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.export.Checkpoint;
import dev.tableexport.runner.export.ExportId;
import dev.tableexport.runner.local.BatchLoader;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.ExportUnderTest;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Exports from a continuous backup (at a time, and incremental) by the real runner process,
 * SIGKILLed once two data files are checkpointed, then rerun: the rerun keeps the checkpointed
 * files as they are and completes an export equal to an uninterrupted one, every data file listed
 * once, no incomplete multipart upload left. A killed worker of a split export resumes alone.
 */
class KilledPitrExportIT {

  private static final String TABLE = "killed-history";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "pitr");
  private static final String PITR_STORE = "--pitr-store";
  private static final String STORE_URI = "s3://backups/pitr";
  private static final int ITEMS = 3_000;

  private static FailingBlobStore blobs;
  private static LocalEnvironment local;
  private static LocalRecorder recorder;
  private static Instant before;
  private static Instant after;
  private static int itemsInWindow;

  @BeforeAll
  static void recordAHistory() throws Exception {
    blobs = new FailingBlobStore(LocalS3.inMemoryStore());
    local = LocalEnvironment.start(blobs);
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
    recorder = new LocalRecorder(local, TABLE, STORE);
    var random = new Random();
    // A recorder starved of CPU reads changes late and marks a hole: then the window moves on.
    for (int attempt = 0;
        attempt < 3 && (attempt == 0 || recorder.holeTouching(before, after)); attempt++) {
      before = recorder.settledTime();
      var prefix = "a" + attempt + "-";
      BatchLoader.load(local.dynamo(), TABLE, ITEMS, i -> Map.of(
          "id", AttributeValue.fromS(prefix + i),
          // Little to compress: each page of the merge fills a data file of its own.
          "note", AttributeValue.fromS(Long.toHexString(random.nextLong())
              + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))));
      after = recorder.settledTime();
      itemsInWindow = ITEMS;
    }
    assertFalse(recorder.holeTouching(before, after), "the recorder kept up with the writes");
    // Slow uploads, so that a runner is still at work when its second checkpoint is written.
    blobs.delayParts(Duration.ofMillis(300));
  }

  @AfterAll
  static void stop() throws Exception {
    if (recorder != null) {
      recorder.close();
    }
    local.close();
  }

  @Test
  void aKilledExportAtATimeResumesFromItsCheckpoints(@TempDir Path work) throws Exception {
    var arguments = new String[] {PITR_STORE, STORE_URI, "--export-time", after.toString()};
    var uninterrupted = export("full-whole", work.resolve("whole"));
    var whole = uninterrupted.assertOneCorrectExport(uninterrupted.start(arguments), local.s3(),
        local.dynamo());
    var killed = export("full-killed", work.resolve("killed"));

    var kept = killAfterTwoCheckpoints(killed, arguments);
    var description = killed.assertOneCorrectExport(killed.start(arguments), local.s3(),
        local.dynamo());

    assertKept(kept, description);
    assertTrue(killed.logText().contains("Resuming from checkpoints"), killed.logText());
    assertEquals(after, description.exportTime());
    assertEquals(whole.itemCount(), description.itemCount());
    assertEquals(whole.billedSizeBytes(), description.billedSizeBytes());
    assertEquals(CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, whole).items()),
        CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, description).items()));
  }

  @Test
  void aKilledWorkerOfASplitExportResumesAlone(@TempDir Path work) throws Exception {
    var exportId = ExportId.generate(Instant.now());
    var arguments = new String[] {PITR_STORE, STORE_URI, "--export-time", after.toString(),
        "--parallelism", "2", "--worker-index", "0"};
    var first = new ExportUnderTest(TABLE, BUCKET, "split-killed", local.runnerEnvironment(),
        Files.createDirectories(work.resolve("worker-0")), exportId);
    var second = new ExportUnderTest(TABLE, BUCKET, "split-killed", local.runnerEnvironment(),
        Files.createDirectories(work.resolve("worker-1")), exportId);

    var kept = killAfterTwoCheckpoints(first, arguments);
    var rerun = first.start(arguments);
    ExportUnderTest.await("the rerun of worker 0 to finish", () -> !rerun.isAlive());
    assertEquals(0, rerun.exitValue(), first.logText());
    arguments[arguments.length - 1] = "1";
    var description = second.assertOneCorrectExport(second.start(arguments), local.s3(),
        local.dynamo());

    assertKept(kept, description);
    assertTrue(first.logText().contains("Resuming from checkpoints"), first.logText());
    assertEquals(after, description.exportTime());
  }

  @Test
  void aKilledIncrementalExportResumesFromItsCheckpoints(@TempDir Path work) throws Exception {
    var arguments = new String[] {PITR_STORE, STORE_URI, "--export-type", "INCREMENTAL_EXPORT",
        "--incremental-export-specification", "ExportFromTime=" + before + ",ExportToTime="
            + after + ",ExportViewType=NEW_AND_OLD_IMAGES", "--min-incremental-window", "PT0S"};
    var uninterrupted = export("incremental-whole", work.resolve("whole"));
    var whole = completed(uninterrupted, uninterrupted.start(arguments));
    var killed = export("incremental-killed", work.resolve("killed"));

    var kept = killAfterTwoCheckpoints(killed, arguments);
    var description = completed(killed, killed.start(arguments));

    assertKept(kept, description);
    assertTrue(killed.logText().contains("Resuming from checkpoints"), killed.logText());
    assertEquals(itemsInWindow, description.itemCount());
    assertEquals(whole.itemCount(), description.itemCount());
    assertEquals(whole.billedSizeBytes(), description.billedSizeBytes());
    assertEquals(changes(whole), changes(description));
    var listed = new StoredExport(local.s3(), BUCKET, description).files().stream()
        .map(file -> file.get("dataFileS3Key").asText()).collect(Collectors.toSet());
    var shared = keysUnder(local.s3(), "incremental-killed/AWSDynamoDB/data/");
    assertEquals(listed, Set.copyOf(shared),
        "the shared data folder holds the listed files only: the killed run's later ones replaced");
  }

  private static ExportUnderTest export(String prefix, Path work) throws Exception {
    Files.createDirectories(work);
    var environment = local.runnerEnvironment();
    return new ExportUnderTest(TABLE, BUCKET, prefix, environment, work);
  }

  /**
   * Runs the export until two data files are checkpointed, SIGKILLs it, and returns the
   * checkpointed files: key to ETag.
   */
  private static Map<String, String> killAfterTwoCheckpoints(ExportUnderTest export,
      String... arguments) throws Exception {
    var runner = export.start(arguments);
    ExportUnderTest.await("two checkpoints",
        () -> export.checkpoints(local.s3()) >= 2 || !runner.isAlive());
    assertTrue(runner.isAlive(), "the export outlasts two checkpoints; slow the store: "
        + export.logText());
    runner.destroyForcibly();
    assertTrue(runner.waitFor(1, TimeUnit.MINUTES), "SIGKILL ends the runner");
    var kept = new HashMap<String, String>();
    for (var key : keysUnder(local.s3(), export.directory() + "_checkpoints/")) {
      var checkpoint = Checkpoint.parse(local.s3()
          .getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asByteArray());
      kept.put(checkpoint.file().dataFileS3Key(), checkpoint.file().etag());
    }
    assertTrue(kept.size() >= 2, "checkpointed files: " + kept);
    return kept;
  }

  /** The files checkpointed before the kill are in the manifest, as they were uploaded. */
  private static void assertKept(Map<String, String> kept, ExportDescription description) {
    var listed = new HashMap<String, String>();
    for (var file : new StoredExport(local.s3(), BUCKET, description).files()) {
      listed.put(file.get("dataFileS3Key").asText(), file.get("etag").asText());
    }
    kept.forEach((key, etag) -> {
      assertEquals(etag, listed.get(key), "kept file " + key + " listed as uploaded");
      var stored = local.s3().headObject(head -> head.bucket(BUCKET).key(key)).eTag();
      assertEquals(etag, stored.replace("\"", ""), "kept file " + key + " not rewritten");
    });
  }

  private static ExportDescription completed(ExportUnderTest export, Process runner)
      throws Exception {
    ExportUnderTest.await("the runner to finish", () -> !runner.isAlive());
    assertEquals(0, runner.exitValue(), export.logText());
    var description = ExportResult.parse(Files.readString(export.resultFile()))
        .exportDescription();
    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), export.logText());
    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    var keys = stored.files().stream().map(file -> file.get("dataFileS3Key").asText()).toList();
    assertEquals(keys.size(), new HashSet<>(keys).size(), "every data file is listed once");
    assertEquals(List.of(), local.s3().listMultipartUploads(list -> list.bucket(BUCKET))
        .uploads(), "no incomplete multipart upload is left");
    return description;
  }

  private static List<String> changes(ExportDescription description) {
    var texts = new ArrayList<String>();
    for (var change : new StoredExport(local.s3(), BUCKET, description).changes()) {
      texts.add(CanonicalItems.text(change.keys()) + " " + change.writeTimestampMicros() + " "
          + (change.oldImage() == null ? "none" : CanonicalItems.text(change.oldImage()))
          + " -> " + CanonicalItems.text(change.newImage()));
    }
    texts.sort(null);
    return texts;
  }

  private static List<String> keysUnder(S3Client s3, String prefix) {
    return s3.listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix(prefix)).contents()
        .stream().map(object -> object.key()).toList();
  }
}
