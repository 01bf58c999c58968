package dev.tableexport.runner.pitr;

import dev.tableexport.contract.StoreLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.source.SourceTable;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The recorder on a clock the test moves forward by days: it takes a snapshot a day, and deletes
 * the snapshots and segments that a one-day recovery period no longer needs, and nothing more.
 */
class RetentionIT {

  private static final String TABLE = "retained";
  private static final StoreLocation STORE = new StoreLocation("backups", "retention");

  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(STORE.bucket()));
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void snapshotsAndSegmentsOlderThanTheRecoveryPeriodNeedsAreDeleted() throws Exception {
    var clock = new MovableClock(Instant.now());
    var store = new BackupStore(local.s3(), STORE, TABLE);
    var history = new TableHistory(local.dynamo(), TABLE);
    try (var streams = AwsClients.dynamoDbStreams(local.settings(), LocalDynamoDb.REGION)) {
      var streamArn = StreamSetup.streamArn(local.dynamo(), streams, TABLE, true);
      var recorder = new Recorder(local.dynamo(), streams, store,
          SourceTable.describe(local.dynamo(), TestTables.arn(TABLE)), streamArn,
          new Recorder.Settings(1, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(50),
              Duration.ofDays(1), new ExportPipeline.Settings(1, 1, 1, 1 << 20), StreamSetup.timePrecision(streamArn)),
          clock);
      var thread = Thread.ofPlatform().start(() -> {
        try {
          recorder.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        for (int day = 0; day < 3; day++) {
          var dayStart = MicrosClock.toMicros(clock.instant());
          await("the snapshot of day " + day, () -> store.listSnapshots().stream()
              .anyMatch(snapshot -> snapshot.startMicros() >= dayStart - 1_000_000));
          // The recorder may observe the write before the put returns, so the time is taken first.
          var beforeWrite = MicrosClock.toMicros(clock.instant());
          history.put(TableHistory.item("item-" + day, day, "written on day " + day));
          await("the write of day " + day + " to be stored", () -> store.listSegments().stream()
              .anyMatch(segment -> segment.lastMicros() >= beforeWrite));
          if (day < 2) {
            clock.advance(Duration.ofDays(1).plusHours(1));
          }
        }
        await("retention to delete the first snapshot", () -> store.listSnapshots().size() == 2);
      } finally {
        recorder.stop();
        thread.join(Duration.ofSeconds(30));
      }
    }

    var snapshots = store.listSnapshots();
    var oldestKept = snapshots.getFirst();
    var cutoff = MicrosClock.toMicros(clock.instant()) - Duration.ofDays(1).toNanos() / 1_000;
    assertTrue(oldestKept.endMicros() <= cutoff, "the oldest kept snapshot covers the period's start");
    assertTrue(snapshots.get(1).endMicros() > cutoff, "the next one does not");
    var segments = store.listSegments();
    assertTrue(segments.stream().allMatch(s -> s.lastMicros() >= oldestKept.startMicros()),
        "no segment older than the oldest kept snapshot remains: " + segments);
    assertTrue(segments.stream().anyMatch(s -> s.firstMicros() >= oldestKept.startMicros()),
        "the segments after it are kept");
    var status = store.readStatus().orElseThrow();
    assertEquals(MicrosClock.toInstant(cutoff).getEpochSecond(),
        status.earliestRestorableDateTime().getEpochSecond(), 1.0,
        "the window starts a recovery period ago");
    assertEquals(List.of(), store.abandonedSnapshotKeys());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** A clock that runs with real time from a start the test can move forward. */
  private static final class MovableClock extends Clock {

    private final long startNanos = System.nanoTime();
    private volatile Instant start;

    MovableClock(Instant start) {
      this.start = start;
    }

    void advance(Duration duration) {
      start = start.plus(duration);
    }

    @Override
    public Instant instant() {
      return start.plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
