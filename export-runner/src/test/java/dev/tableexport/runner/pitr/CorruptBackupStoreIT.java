package dev.tableexport.runner.pitr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Objects of a recorded store damaged on S3Proxy: exports fail with CorruptBackupObjectException
 * naming the object and what is wrong with it, describe-continuous-backups fails with that message,
 * and the real recorder process, restarted on a damaged store, reports each object and goes on
 * from the last good state.
 */
class CorruptBackupStoreIT {

  private static final String DAMAGED = "damaged";
  private static final String RECOVERED = "recovered";
  private static final String RESNAPSHOT = "resnapshot";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "corrupt");
  private static final ExportPipeline.Settings PIPELINE = new ExportPipeline.Settings(2, 2, 2, 16 * 1024);
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static LocalEnvironment local;
  private static Path workDirectory;
  private static BackupStore damaged;
  private static final Map<String, Instant> recorded = new HashMap<>();

  @BeforeAll
  static void recordTwoTables() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    workDirectory = Files.createTempDirectory("corrupt-store-it-");
    for (var table : List.of(DAMAGED, RECOVERED, RESNAPSHOT)) {
      TestTables.createHashOnly(local.dynamo(), table, ScalarAttributeType.S, 0);
      var history = new TableHistory(local.dynamo(), table);
      for (int i = 0; i < 10; i++) {
        history.put(TableHistory.item("k" + i, 1, "initial " + i));
      }
      try (var recorder = new LocalRecorder(local, table, STORE)) {
        recorder.settledTime(); // after the snapshot: what follows goes to segments
        for (int i = 0; i < 5; i++) {
          history.updateNote("k" + i, "changed " + i);
        }
        recorded.put(table, recorder.settledTime());
      }
    }
    damaged = new BackupStore(local.s3(), STORE, DAMAGED);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  static Stream<Arguments> damages() {
    Function<BackupStore, String> segment = store -> store.listSegments().getFirst().key();
    Function<BackupStore, String> dataFile = store -> store.dataFileKeys(store.listSnapshots().getFirst()).getFirst();
    Function<BackupStore, String> manifest = store -> manifestKey(store, store.listSnapshots().getFirst());
    Function<BackupStore, String> status = store -> store.location().statusKey(DAMAGED);
    return Stream.of(
        Arguments.of("a segment that is not gzip", segment, (Damage) bytes -> "not gzip".getBytes(UTF_8),
            "it is not gzip data"),
        Arguments.of("a truncated segment", segment, (Damage) bytes -> Arrays.copyOf(bytes, bytes.length / 2),
            "its gzip data ends early"),
        Arguments.of("a snapshot data file of random bytes", dataFile, (Damage) bytes -> randomBytes(),
            "it is not gzip data"),
        Arguments.of("a snapshot data file with a line that is no item", dataFile,
            (Damage) bytes -> gzip("{\"Item\":{\"id\":{\"S\":\"k1\"}}}\n{\"Item\":\n"), "line 2: "),
        Arguments.of("a truncated snapshot.json", manifest, (Damage) bytes -> Arrays.copyOf(bytes, bytes.length / 2),
            "Unexpected end-of-input"),
        Arguments.of("a truncated status.json", status, (Damage) bytes -> Arrays.copyOf(bytes, bytes.length / 2),
            "Unexpected end-of-input"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void anExportFromADamagedStoreFailsNamingTheObject(
      String name, Function<BackupStore, String> object, Damage damage, String problem) {
    var key = object.apply(damaged);
    var intact = damaged.objects().getIfExists(key).orElseThrow();
    damaged.objects().put(key, damage.apply(intact));
    try {
      var description = export(DAMAGED, recorded.get(DAMAGED));

      assertEquals(ExportDescription.FAILED, description.exportStatus());
      assertEquals("CorruptBackupObjectException", description.failureCode(), description.failureMessage());
      assertTrue(description.failureMessage().contains("s3://backups/" + key + " cannot be read: "),
          description.failureMessage());
      assertTrue(description.failureMessage().contains(problem), description.failureMessage());
    } finally {
      damaged.objects().put(key, intact);
    }
    assertEquals(ExportDescription.COMPLETED, export(DAMAGED, recorded.get(DAMAGED)).exportStatus(), "repaired");
  }

  @Test
  void describeContinuousBackupsOfAGarbageStatusFailsNamingIt() throws Exception {
    var key = damaged.location().statusKey(DAMAGED);
    var intact = damaged.objects().getIfExists(key).orElseThrow();
    damaged.objects().put(key, "{\"tableArn\":".getBytes(UTF_8));
    try {
      var result = RunnerProcess.run(List.of(), List.of("describe-continuous-backups",
          "--table-arn", TestTables.arn(DAMAGED).arn(), "--store", STORE.toString()),
          local.runnerEnvironment(), WAIT);

      assertEquals(1, result.exitCode(), result.stderr());
      assertTrue(result.stderr().contains("s3://backups/" + key + " cannot be read: Unexpected end-of-input"),
          result.stderr());
      assertFalse(result.stderr().contains("\tat "), "no stack trace: " + result.stderr());
      assertEquals("", result.stdout());
    } finally {
      damaged.objects().put(key, intact);
    }
  }

  /** A garbage checkpoint: the shard resumes after its last stored segment. A garbage status.json: rewritten. */
  @Test
  void theRecorderReportsADamagedCheckpointAndStatusAndRecordsNothingTwice() throws Exception {
    var store = new BackupStore(local.s3(), STORE, RECOVERED);
    var checkpoints = keysUnder(store.root() + "checkpoints/");
    assertEquals(1, checkpoints.size(), "DynamoDB Local's stream has one shard");
    var checkpoint = checkpoints.getFirst();
    var status = STORE.statusKey(RECOVERED);
    store.objects().put(checkpoint, "{\"shardId\":".getBytes(UTF_8));
    store.objects().put(status, "garbage".getBytes(UTF_8));

    var output = recordUntilSettled(RECOVERED, recorder -> {
      await(recorder, "status.json rewritten", () -> readable(() -> store.readStatus().isPresent()));
      new TableHistory(local.dynamo(), RECOVERED).updateNote("k9", "changed after the restart");
      await(recorder, "the checkpoint rewritten",
          () -> parses(store.objects().getIfExists(checkpoint).orElseThrow()));
    });

    assertReported(output, checkpoint, status);
    var notes = recordedNotes(store);
    assertEquals(notes.size(), Set.copyOf(notes).size(), "no change recorded twice: " + notes);
    assertTrue(notes.containsAll(List.of("changed 0", "changed 4", "changed after the restart")), notes.toString());
  }

  /** A garbage snapshot.json: the snapshot counts as incomplete, is deleted, and a new one taken. */
  @Test
  void theRecorderDeletesASnapshotWhoseManifestIsDamagedAndTakesANewOne() throws Exception {
    var store = new BackupStore(local.s3(), STORE, RESNAPSHOT);
    var oldSnapshot = store.listSnapshots().getFirst();
    var manifest = manifestKey(store, oldSnapshot);
    var oldSnapshotDirectory = manifest.substring(0, manifest.length() - "snapshot.json".length());
    store.objects().put(manifest, randomBytes());

    var output = recordUntilSettled(RESNAPSHOT, recorder ->
        await(recorder, "the damaged snapshot deleted", () -> keysUnder(oldSnapshotDirectory).isEmpty()));

    assertReported(output, manifest);
    var snapshots = store.listSnapshots();
    assertEquals(1, snapshots.size());
    assertTrue(snapshots.getFirst().startMicros() > oldSnapshot.startMicros(), "a new snapshot");
  }

  private record RecorderProcess(Process process, Path log) {}

  private interface WhileRecording {
    void run(RecorderProcess recorder) throws Exception;
  }

  /**
   * Runs the real recorder process on a table, does {@code meanwhile}, waits until everything
   * written so far is restorable, stops the recorder, and checks that the store then exports the
   * table as it is; returns the recorder's output.
   */
  private static String recordUntilSettled(String table, WhileRecording meanwhile) throws Exception {
    var store = new BackupStore(local.s3(), STORE, table);
    var log = Path.of("target", "recorder-corrupt-" + table + ".log");
    Files.deleteIfExists(log);
    var process = RunnerProcess.start(List.of(),
        List.of("record", "--table-arn", TestTables.arn(table).arn(), "--store", STORE.toString(),
            "--poll-interval", "PT0.05S", "--segment-interval", "PT0.1S", "--status-interval", "PT0.1S"),
        local.runnerEnvironment(), log);
    var recorder = new RecorderProcess(process, log);
    try {
      meanwhile.run(recorder);
      var settled = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
      await(recorder, "a restorable time after every write",
          () -> readable(() -> store.readStatus().filter(s -> s.contains(settled)).isPresent()));
    } finally {
      process.destroy();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the recorder stops on SIGTERM");
    }
    var latest = store.readStatus().orElseThrow().latestRestorableDateTime().truncatedTo(ChronoUnit.MILLIS);
    var description = export(table, latest);
    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals(CanonicalItems.multiset(TestTables.scan(local.dynamo(), table)),
        CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, description).items()));
    return Files.readString(log);
  }

  private static void assertReported(String output, String... keys) {
    for (var key : keys) {
      assertTrue(output.contains("s3://backups/" + key + " cannot be read ("), key + " reported in:\n" + output);
    }
    assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
  }

  /** The note of every change in the store's segments. */
  private static List<String> recordedNotes(BackupStore store) {
    var notes = new ArrayList<String>();
    for (var segment : store.listSegments()) {
      store.forEachLine(segment.key(), ChangeLog::parseRecord,
          (record, line) -> notes.add(record.newImage().get("note").s()));
    }
    return notes;
  }

  private interface Damage {
    byte[] apply(byte[] intact);
  }

  private interface Check {
    boolean holds();
  }

  /** Whether a check holds, false while the object it reads is still damaged. */
  private static boolean readable(Check check) {
    try {
      return check.holds();
    } catch (CorruptBackupObjectException e) {
      return false;
    }
  }

  private static boolean parses(byte[] checkpoint) {
    try {
      ShardCheckpoint.parse(checkpoint);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ExportDescription export(String table, Instant time) {
    var planner = new PitrExportPlanner(local.s3(),
        new PitrExportPlanner.Settings(STORE, Duration.ZERO, workDirectory, 1024));
    var request = new ExportRequest(TestTables.arn(table), BUCKET, table, null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, time, null, null, null);
    return new ExportService(local.dynamo(), local.s3(), planner, PIPELINE, Clock.systemUTC()).export(request);
  }

  private static String manifestKey(BackupStore store, SnapshotManifest snapshot) {
    return store.root() + "snapshots/" + SnapshotManifest.directoryName(snapshot.startMicros()) + "/snapshot.json";
  }

  private static List<String> keysUnder(String prefix) {
    return local.s3().listObjectsV2Paginator(list -> list.bucket(STORE.bucket()).prefix(prefix)).contents().stream()
        .map(object -> object.key()).toList();
  }

  private static byte[] randomBytes() {
    var bytes = new byte[300];
    new Random(12).nextBytes(bytes);
    bytes[0] = 'x'; // neither gzip's magic number nor the start of JSON
    return bytes;
  }

  private static byte[] gzip(String text) {
    var bytes = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  private static void await(RecorderProcess recorder, String what, BooleanSupplier condition) throws Exception {
    var log = recorder.log();
    var process = recorder.process();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError("The recorder exited (" + process.exitValue() + ") before " + what
            + ":\n" + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + ":\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }
}
