package dev.tableexport.runner.pitr;

import dev.tableexport.contract.StoreLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The real recorder process, killed (SIGKILL) at random points while the table is written and
 * restarted each time, ends with a change log holding every write exactly once, in order.
 */
class RecorderRestartIT {

  private static final String TABLE = "killed";
  private static final StoreLocation STORE = new StoreLocation("backups", "restarts");
  private static final int KILLS = 4;
  private static final Duration PAUSE_BETWEEN_WRITES = Duration.ofMillis(10);

  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(STORE.bucket()));
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
    try (var streams = AwsClients.dynamoDbStreams(local.settings(), LocalDynamoDb.REGION)) {
      StreamSetup.streamArn(local.dynamo(), streams, TABLE, true);
    }
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void killedAndRestartedRecorderLosesAndDuplicatesNothing() throws Exception {
    var store = new BackupStore(local.s3(), STORE, TABLE);
    var random = new Random(42);
    var expected = new HashMap<String, List<String>>();
    var writing = new AtomicBoolean(true);
    var writer = Thread.ofPlatform().name("writer").start(() -> write(expected, writing));

    for (int kill = 0; kill < KILLS; kill++) {
      var recorder = startRecorder();
      int segmentsBefore = store.listSegments().size();
      int more = 1 + random.nextInt(3);
      await("the recorder to store " + more + " more segments",
          () -> store.listSegments().size() >= segmentsBefore + more);
      recorder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    writing.set(false);
    writer.join(Duration.ofMinutes(1));
    var writesDone = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    var recorder = startRecorder();
    assertTrue(store.awaitRestorable(writesDone, Duration.ofSeconds(90)).isPresent(),
        "the restarted recorder catches up");
    recorder.destroy(); // SIGTERM: stores what it read, then exits
    assertTrue(recorder.waitFor(60, TimeUnit.SECONDS), "the recorder stops on SIGTERM");

    assertEquals(expected, recordedVersionsPerKey(store));
  }

  private static Process startRecorder() throws Exception {
    return RunnerProcess.start(List.of(),
        List.of("record", "--table-arn", TestTables.arn(TABLE).arn(), "--store", STORE.toString(),
            "--poll-interval", "PT0.05S", "--segment-interval", "PT0.1S", "--status-interval", "PT0.1S"),
        local.runnerEnvironment(), Path.of("target", "recorder-restarts.log"));
  }

  /**
   * Writes at a steady pace until told to stop, so that kills fall amid writes. Effective writes
   * only: every put raises the version, every delete removes an item that is there.
   */
  private static void write(Map<String, List<String>> expected, AtomicBoolean writing) {
    var history = new TableHistory(local.dynamo(), TABLE);
    var versions = new HashMap<String, Integer>();
    var random = new Random(7);
    for (int i = 0; writing.get(); i++) {
      var key = "item-" + random.nextInt(12);
      if (versions.containsKey(key) && random.nextInt(5) == 0) {
        history.delete(key);
        versions.remove(key);
        expected.computeIfAbsent(key, k -> new ArrayList<>()).add("deleted");
      } else {
        int version = versions.merge(key, 1, Integer::sum);
        history.put(TableHistory.item(key, version, "write " + i));
        expected.computeIfAbsent(key, k -> new ArrayList<>()).add("version " + version);
      }
      try {
        Thread.sleep(PAUSE_BETWEEN_WRITES);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Map<String, List<String>> recordedVersionsPerKey(BackupStore store) {
    var records = new ArrayList<IncrementalRecord>();
    for (var segment : store.listSegments()) {
      store.forEachLine(segment.key(), ChangeLog::parseRecord, (record, line) -> records.add(record));
    }
    records.sort(Comparator.comparingLong(r -> r.writeTimestampMicros()));
    var versions = new HashMap<String, List<String>>();
    for (var record : records) {
      var key = record.keys().get("id").s();
      var image = record.newImage();
      versions.computeIfAbsent(key, k -> new ArrayList<>())
          .add(image == null ? "deleted" : "version " + image.get("version").n());
    }
    return versions;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
