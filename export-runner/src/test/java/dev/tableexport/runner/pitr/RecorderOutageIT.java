package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The recorder process stopped (SIGTERM, or killed with SIGKILL) while the table is written, a
 * consistent snapshot taken during the outage, the recorder restarted and caught up: an export at
 * any time either equals the snapshot taken at that time or is refused, and the times of the outage
 * are refused as a hole. Snapshots are taken in quiet spans, longer on each side than the
 * recorder's timing precision (a poll plus a second), so that the table's state at their time is
 * one state.
 */
class RecorderOutageIT {

  private static final String BUCKET = "exports";
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration QUIET = Duration.ofMillis(1_500);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ExportPipeline.Settings PIPELINE = new ExportPipeline.Settings(2, 2, 2, 16 * 1024);

  private static LocalEnvironment local;
  private static Path workDirectory;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    local.s3().createBucket(create -> create.bucket("backups"));
    workDirectory = Files.createTempDirectory("outage-it-");
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @ParameterizedTest(name = "killed: {0}")
  @ValueSource(booleans = {false, true})
  void noExportDisagreesWithTheTableAtItsTime(boolean killed) throws Exception {
    var table = killed ? "outage-kill" : "outage-term";
    var store = new StoreLocation("backups", table);
    TestTables.createHashOnly(local.dynamo(), table, ScalarAttributeType.S, 0);
    try (var streams = AwsClients.dynamoDbStreams(local.settings(), LocalDynamoDb.REGION)) {
      StreamSetup.streamArn(local.dynamo(), streams, table, true);
    }
    var writer = new Writer(new TableHistory(local.dynamo(), table), new Random(killed ? 11 : 7));
    var backup = new BackupStore(local.s3(), store, table);
    var snapshots = new LinkedHashMap<Instant, List<String>>();

    var recorder = startRecorder(table, store);
    writer.write(30);
    backup.awaitRestorable(Instant.now(), WAIT).orElseThrow();
    writer.write(40);
    var beforeOutage = quietSnapshot(table, writer, snapshots); // phase 0
    stop(recorder, killed);

    writer.write(100);
    var duringOutage = quietSnapshot(table, writer, snapshots); // 1
    writer.write(50);
    var lateInOutage = quietSnapshot(table, writer, snapshots); // 2

    recorder = startRecorder(table, store);
    try {
      backup.awaitRestorable(Instant.now(), WAIT).orElseThrow();
      writer.write(40);
      var afterCatchUp = quietSnapshot(table, writer, snapshots); // 3
      writer.write(20);
      var later = quietSnapshot(table, writer, snapshots); // 4
      backup.awaitRestorable(later.plus(QUIET), WAIT).orElseThrow();

      var service = service(store);
      for (var snapshot : snapshots.entrySet()) {
        var description = service.export(full(table, snapshot.getKey()));
        if (description.exportStatus().equals(ExportDescription.COMPLETED)) {
          assertEquals(snapshot.getValue(),
              CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, description).items()),
              "the export at " + snapshot.getKey() + " holds the table as it was then");
        } else {
          assertRefusedForAHole(description);
        }
      }
      var status = backup.readStatus().orElseThrow();
      for (var inOutage : List.of(duringOutage, lateInOutage)) {
        assertTrue(status.holeAt(inOutage).isPresent(), inOutage + " is in a hole: " + status.holes());
        assertRefusedForAHole(service.export(full(table, inOutage)));
      }
      for (var outside : List.of(beforeOutage, afterCatchUp, later)) {
        var description = service.export(full(table, outside));
        assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
      }
      assertRefusedForAHole(service.export(incremental(table, beforeOutage, afterCatchUp)));
      var afterHole = service.export(incremental(table, afterCatchUp, later));
      assertEquals(ExportDescription.COMPLETED, afterHole.exportStatus(), afterHole.failureMessage());
      assertEquals(writer.history.changesBetween(3, 4, false).keySet().stream().sorted().toList(),
          new StoredExport(local.s3(), BUCKET, afterHole).changes().stream()
              .map(change -> change.keys().get("id").s()).sorted().toList());
    } finally {
      stop(recorder, false);
    }
  }

  /**
   * Waits out a quiet span, scans the table, and waits out another: the scan is the table at the
   * returned time, the middle of the span, whichever side of it a change falls. Ends the writer's
   * phase.
   */
  private static Instant quietSnapshot(String table, Writer writer, Map<Instant, List<String>> snapshots)
      throws InterruptedException {
    var time = Instant.now().plus(QUIET).truncatedTo(ChronoUnit.MILLIS);
    awaitClock(time);
    snapshots.put(time, CanonicalItems.multiset(TestTables.scan(local.dynamo(), table)));
    writer.history.endPhase();
    awaitClock(time.plus(QUIET));
    return time;
  }

  private static void awaitClock(Instant time) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (Instant.now().isBefore(time)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The clock did not reach " + time);
      }
      Thread.sleep(10);
    }
  }

  private static void assertRefusedForAHole(ExportDescription description) {
    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertEquals("InvalidExportTimeException", description.failureCode(), description.failureMessage());
    assertTrue(description.failureMessage().contains("the hole ("), description.failureMessage());
  }

  private static Process startRecorder(String table, StoreLocation store) throws Exception {
    return RunnerProcess.start(List.of(),
        List.of("record", "--table-arn", TestTables.arn(table).arn(), "--store", store.toString(),
            "--poll-interval", "PT" + POLL.toMillis() / 1000.0 + "S", "--segment-interval", "PT0.1S",
            "--status-interval", "PT0.1S"),
        local.runnerEnvironment(), Path.of("target", "recorder-outage-" + table + ".log"));
  }

  private static void stop(Process recorder, boolean kill) throws InterruptedException {
    if (kill) {
      recorder.destroyForcibly();
    } else {
      recorder.destroy(); // SIGTERM: stores what it read and publishes its status first
    }
    assertTrue(recorder.waitFor(60, TimeUnit.SECONDS), "the recorder stops");
  }

  private static ExportService service(StoreLocation store) {
    var planner = new PitrExportPlanner(local.s3(),
        new PitrExportPlanner.Settings(store, Duration.ZERO, workDirectory, 1 << 20));
    return new ExportService(local.dynamo(), local.s3(), planner, PIPELINE, Clock.systemUTC());
  }

  private static ExportRequest full(String table, Instant time) {
    return new ExportRequest(TestTables.arn(table), BUCKET, table, null, null, null, ExportFormat.DYNAMODB_JSON,
        ExportType.FULL_EXPORT, time, null, null, null);
  }

  private static ExportRequest incremental(String table, Instant from, Instant to) {
    return new ExportRequest(TestTables.arn(table), BUCKET, table, null, null, null, ExportFormat.DYNAMODB_JSON,
        ExportType.INCREMENTAL_EXPORT, null,
        new IncrementalExportSpecification(from, to, IncrementalExportSpecification.NEW_AND_OLD_IMAGES),
        null, null);
  }

  /** Effective writes (puts, updates, deletes) over a small key space. */
  private static final class Writer {

    final TableHistory history;
    private final Random random;
    private final Map<String, Integer> versions = new LinkedHashMap<>();
    private int count;

    Writer(TableHistory history, Random random) {
      this.history = history;
      this.random = random;
    }

    void write(int changes) {
      for (int i = 0; i < changes; i++, count++) {
        var key = "item-" + random.nextInt(40);
        int choice = random.nextInt(4);
        if (versions.containsKey(key) && choice == 0) {
          history.delete(key);
          versions.remove(key);
        } else if (versions.containsKey(key) && choice == 1) {
          history.updateNote(key, "updated by change " + count);
        } else {
          int version = versions.merge(key, 1, Integer::sum);
          history.put(TableHistory.item(key, version, "change " + count));
        }
      }
    }
  }
}
