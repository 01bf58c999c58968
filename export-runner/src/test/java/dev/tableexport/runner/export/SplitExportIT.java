package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.sink.DataFileName;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.ExportUnderTest;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.SplitWorkers;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans of a live table split across four workers (each its own ExportService, as each pod of an
 * Indexed Job runs its own runner), against DynamoDB Local and S3Proxy: one valid export, equal in
 * content to the export of one worker; a worker killed and rerun resumes its share alone.
 */
class SplitExportIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final int WORKERS = 4;
  /** Pages of 50 items, small files, 6 scan threads (so 8 segments, 2 per worker). */
  private static final ExportPipeline.Settings SMALL_FILES =
      new ExportPipeline.Settings(0, 2, 2, 8 * 1024, 50, 6);
  private static final ExportPipeline.Settings FOUR_SEGMENTS =
      new ExportPipeline.Settings(4, 2, 2, 8 * 1024, 50, 4);

  private static FailingBlobStore store;
  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    store = new FailingBlobStore(LocalS3.inMemoryStore());
    local = LocalEnvironment.start(store);
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 2_000);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void fourWorkersMakeOneExportEqualToOneWorkers() throws Exception {
    var alone = service().export(request("alone", ExportId.generate(Instant.now())));
    var exportId = ExportId.generate(Instant.now());

    var results = runWorkers(request("split", exportId), IntStream.range(0, WORKERS).boxed()
        .toList());

    var whole = SplitWorkers.wholeExport(results);
    assertEquals(alone.itemCount(), whole.itemCount());
    assertEquals(alone.billedSizeBytes(), whole.billedSizeBytes());
    assertEquals(alone.exportFormat(), whole.exportFormat());
    var split = new StoredExport(local.s3(), BUCKET, whole);
    split.assertWellFormed();
    var oneWorker = new StoredExport(local.s3(), BUCKET, alone);
    assertEquals(CanonicalItems.multiset(oneWorker.items()),
        CanonicalItems.multiset(split.items()));
    assertEquals(split.summary().size(), oneWorker.summary().size(), "the same summary keys");
    assertEveryWorkersFilesListedOnce(split, exportId);
  }

  @Test
  void aKilledWorkerResumesItsShareWithoutDuplicates(@TempDir Path work) throws Exception {
    store.delayParts(Duration.ofMillis(5));
    try {
      var exportId = ExportId.generate(Instant.now());
      var killed = new ExportUnderTest(TABLE, BUCKET, "killed", local.runnerEnvironment(), work,
          exportId);
      var share = new String[] {"--parallelism", "4", "--worker-index", "1"};
      var runner = killed.start(share);
      ExportUnderTest.await("worker 1's second checkpoint",
          () -> killed.checkpoints(local.s3()) >= 2 || !runner.isAlive());
      assertTrue(runner.isAlive(), "worker 1 outlasts two checkpoints: " + killed.logText());
      runner.destroyForcibly();
      assertTrue(runner.waitFor(1, TimeUnit.MINUTES), "SIGKILL ends the runner");

      // As many segments as the runner process has (ExportUnderTest: --scan-segments 4).
      var others = SplitWorkers.run(() -> service(FOUR_SEGMENTS), request("killed", exportId),
          List.of(0, 2, 3), WORKERS);
      for (var other : others) {
        assertEquals(ExportDescription.COMPLETED, other.exportDescription().exportStatus());
        assertFalse(other.worker().manifests(), "no manifests while worker 1's part is missing");
      }
      var rerun = killed.start(share);

      var description = killed.assertOneCorrectExport(rerun, local.s3(), local.dynamo());
      assertTrue(killed.logText().contains("Resuming from checkpoints"), killed.logText());
      var result = ExportResult.parse(Files.readString(killed.resultFile()));
      assertTrue(result.worker().manifests(), "the last worker writes the manifests");
      assertEquals(2_000, description.itemCount());
      assertEveryWorkersFilesListedOnce(new StoredExport(local.s3(), BUCKET, description),
          exportId);
    } finally {
      store.delayParts(Duration.ZERO);
    }
  }

  @Test
  void aRerunOfAWorkerOfACompletedExportReportsItWithoutExportingAgain() throws Exception {
    var exportId = ExportId.generate(Instant.now());
    var request = request("rerun", exportId);
    var whole = SplitWorkers.wholeExport(runWorkers(request, IntStream.range(0, WORKERS).boxed().toList()));

    var again = service().export(request, WorkerShare.of(2, WORKERS));

    assertTrue(again.worker().manifests(), "the rerun reports the whole export");
    assertEquals(whole.itemCount(), again.exportDescription().itemCount());
    new StoredExport(local.s3(), BUCKET, whole).assertWellFormed();
  }

  private static List<ExportResult> runWorkers(ExportRequest request, List<Integer> workers)
      throws Exception {
    return SplitWorkers.run(SplitExportIT::service, request, workers, WORKERS);
  }

  /** Each data file once, and files of every worker (by the tag its names start with). */
  static void assertEveryWorkersFilesListedOnce(StoredExport export, ExportId exportId) {
    var names = export.files().stream()
        .map(file -> file.get("dataFileS3Key").asText().replaceAll(".*/", "")).toList();
    assertEquals(names.size(), new HashSet<>(names).size(), "every data file is listed once");
    Set<Integer> workers = new HashSet<>();
    for (var name : names) {
      for (int worker = 0; worker < WORKERS; worker++) {
        if (name.startsWith(DataFileName.workerTag(exportId.value(), worker))) {
          workers.add(worker);
        }
      }
    }
    assertEquals(Set.of(0, 1, 2, 3), workers, "files of every worker: " + names);
  }

  private static ExportService service() {
    return service(SMALL_FILES);
  }

  private static ExportService service(ExportPipeline.Settings settings) {
    return new ExportService(local.dynamo(), local.s3(),
        new CurrentStatePlanner(local.dynamo(), false), settings, Clock.systemUTC());
  }

  private static ExportRequest request(String prefix, ExportId exportId) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, prefix, null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, null, null, null, exportId);
  }
}
