package dev.tableexport.runner.local;

import dev.tableexport.contract.StoreLocation;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.pitr.BackupStore;
import dev.tableexport.runner.pitr.Recorder;
import dev.tableexport.runner.pitr.StreamSetup;
import dev.tableexport.runner.source.SourceTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A recorder of a local table, running in this process with short intervals, for the demo and the
 * bench: turns the table's stream on, records until closed.
 */
public final class LocalRecorder implements AutoCloseable {

  private static final Duration WAIT = Duration.ofMinutes(10);
  /** How long after a write the recorder has surely stored it. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final DynamoDbStreamsClient streams;
  private final BackupStore store;
  private final Recorder recorder;
  private final Thread thread;

  public LocalRecorder(LocalEnvironment environment, String tableName, StoreLocation location)
      throws InterruptedException {
    var dynamo = environment.dynamo();
    if (!environment.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(location.bucket()))) {
      environment.s3().createBucket(create -> create.bucket(location.bucket()));
    }
    streams = AwsClients.dynamoDbStreams(environment.settings(), LocalDynamoDb.REGION);
    store = new BackupStore(environment.s3(), location, tableName);
    var table = SourceTable.describe(dynamo, TableArn.parse(LocalDynamoDb.tableArn(tableName)).orElseThrow());
    var streamArn = StreamSetup.streamArn(dynamo, streams, tableName, true);
    recorder = new Recorder(dynamo, streams, store, table, streamArn,
        new Recorder.Settings(35, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200),
            Duration.ofDays(1), ExportPipeline.Settings.defaults(), StreamSetup.timePrecision(streamArn)),
        Clock.systemUTC());
    thread = Thread.ofPlatform().name("recorder").start(() -> {
      try {
        recorder.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  public BackupStore store() {
    return store;
  }

  /**
   * Whether the backup has a hole touching {@code [from, to]}: a recorder starved of CPU reads
   * changes late and marks one.
   */
  public boolean holeTouching(Instant from, Instant to) {
    return store.readStatus().orElseThrow().holeTouching(from, to).isPresent();
  }

  /** A restorable time after every write made so far. */
  public Instant settledTime() throws InterruptedException {
    var afterWrites = Instant.now().plus(SETTLE).truncatedTo(ChronoUnit.MILLIS);
    return store.awaitRestorable(afterWrites, WAIT).orElseThrow(() ->
        new IllegalStateException("The recorder did not reach " + afterWrites + " within " + WAIT));
  }

  @Override
  public void close() throws InterruptedException {
    recorder.stop();
    thread.join(WAIT);
    streams.close();
  }
}
