package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.source.SourceTable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The continuous backup of one table: tails every shard of its stream (a child shard only after
 * its parent is read to the end), stores the change records in segments with a checkpoint per
 * shard, takes base snapshots, publishes the restorable window, and drops what the recovery period
 * no longer needs.
 *
 * <p>Each change gets the time the recorder observed it, bounded below by the stream's
 * ApproximateCreationDateTime and strictly increasing along a shard's lineage, so that the records
 * of one item are in order. The latest restorable time is the earliest, over the open shards, of
 * the time up to which everything observed is stored: no record stored later can get an earlier
 * time.
 */
public final class Recorder {

  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final int MAX_RECORDS_PER_SEGMENT = 10_000;
  private static final Duration SHARD_DISCOVERY_INTERVAL = Duration.ofSeconds(10);
  private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);

  public record Settings(
      int recoveryPeriodDays,
      Duration pollInterval,
      Duration segmentInterval,
      Duration statusInterval,
      Duration snapshotInterval,
      ExportPipeline.Settings snapshotPipeline) {}

  private final DynamoDbStreamsClient streams;
  private final BackupStore store;
  private final SourceTable table;
  private final String streamArn;
  private final Settings settings;
  private final Clock clock;
  private final MicrosClock micros;
  private final Snapshotter snapshotter;
  private final Map<String, ShardTail> shards = new LinkedHashMap<>();
  private final List<SnapshotManifest> snapshots = new ArrayList<>();
  private volatile boolean stopRequested;
  private long nextLagLogNanos;

  public Recorder(
      DynamoDbClient dynamo,
      DynamoDbStreamsClient streams,
      BackupStore store,
      SourceTable table,
      String streamArn,
      Settings settings,
      Clock clock) {
    this.streams = streams;
    this.store = store;
    this.table = table;
    this.streamArn = streamArn;
    this.settings = settings;
    this.clock = clock;
    this.micros = new MicrosClock(clock);
    this.snapshotter =
        new Snapshotter(dynamo, store, table.arn().tableName(), settings.snapshotPipeline(), micros::now);
  }

  /** Asks {@link #run} to store what it has read, publish its status, and return. */
  public void stop() {
    stopRequested = true;
  }

  /** Records until {@link #stop} is called. */
  public void run() throws InterruptedException {
    var checkpoints = store.readCheckpoints();
    snapshots.addAll(store.listReadableSnapshots());
    discoverShards(checkpoints);
    LOG.info("Recording table {} from stream {}: {} shards, {} snapshots", table.arn().tableName(),
        streamArn, shards.size(), snapshots.size());
    var snapshotThread = Thread.ofPlatform().name("snapshot").daemon().factory();
    try (ExecutorService snapshotRunner = Executors.newSingleThreadExecutor(snapshotThread)) {
      Future<SnapshotManifest> snapshot = null;
      long nextDiscovery = System.nanoTime() + SHARD_DISCOVERY_INTERVAL.toNanos();
      long nextStatus = 0;
      long nextRetention = 0;
      try {
        while (!stopRequested) {
          if (snapshot == null && snapshotDue()) {
            snapshot = snapshotRunner.submit(snapshotter::take);
          }
          if (snapshot != null && snapshot.isDone()) {
            snapshots.add(finished(snapshot));
            snapshot = null;
            nextRetention = 0; // a new snapshot may make older ones obsolete
          }
          boolean readAny = pollShards();
          storeDueSegments(false);
          long now = System.nanoTime();
          if (now >= nextDiscovery) {
            discoverShards(Map.of());
            nextDiscovery = now + SHARD_DISCOVERY_INTERVAL.toNanos();
          }
          if (now >= nextRetention && snapshot == null) {
            applyRetention();
            nextRetention = now + RETENTION_INTERVAL.toNanos();
          }
          if (now >= nextStatus) {
            publishStatus();
            nextStatus = now + settings.statusInterval().toNanos();
          }
          if (!readAny) {
            Thread.sleep(settings.pollInterval());
          }
        }
        LOG.info("Stopping: storing what was read");
        storeDueSegments(true);
        publishStatus();
      } finally {
        snapshotRunner.shutdownNow();
      }
    }
  }

  private boolean snapshotDue() {
    if (snapshots.isEmpty()) {
      return true;
    }
    long lastStart = snapshots.getLast().startMicros();
    return micros.now() - lastStart >= settings.snapshotInterval().toNanos() / 1_000;
  }

  private SnapshotManifest finished(Future<SnapshotManifest> snapshot) throws InterruptedException {
    try {
      return snapshot.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("The base snapshot failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private void discoverShards(Map<String, ShardCheckpoint> checkpoints) {
    String lastEvaluated = null;
    do {
      var start = lastEvaluated;
      var description =
          streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(start)).streamDescription();
      for (Shard shard : description.shards()) {
        shards.computeIfAbsent(
            shard.shardId(),
            id -> new ShardTail(id, shard.parentShardId(),
                checkpoints.getOrDefault(id, ShardCheckpoint.start(id))));
      }
      lastEvaluated = description.lastEvaluatedShardId();
    } while (lastEvaluated != null);
  }

  /** Reads each shard whose parent is done; returns whether any shard yielded records. */
  private boolean pollShards() {
    boolean readAny = false;
    for (var shard : shards.values()) {
      if (shard.closed() || shard.endReached || !parentDone(shard)) {
        continue;
      }
      readAny |= poll(shard);
    }
    return readAny;
  }

  private boolean parentDone(ShardTail shard) {
    var parent = shard.parentShardId == null ? null : shards.get(shard.parentShardId);
    return parent == null || parent.closed();
  }

  private boolean poll(ShardTail shard) {
    try {
      if (shard.iterator == null) {
        shard.iterator = iterator(shard);
        if (shard.lastTimeMicros == 0 && shard.parentShardId != null && shards.containsKey(shard.parentShardId)) {
          shard.lastTimeMicros = shards.get(shard.parentShardId).lastTimeMicros;
        }
      }
      var iterator = shard.iterator;
      var response = streams.getRecords(get -> get.shardIterator(iterator).limit(1000));
      long observed = micros.now();
      for (var record : response.records()) {
        var change = record.dynamodb();
        shard.lastReadSequence = change.sequenceNumber();
        var oldImage = change.hasOldImage() ? change.oldImage() : null;
        var newImage = change.hasNewImage() ? change.newImage() : null;
        if (oldImage != null && oldImage.equals(newImage)) {
          continue; // a write that changed nothing, for which DynamoDB's own stream has no record
        }
        var created = change.approximateCreationDateTime();
        long streamTime = created == null ? 0 : MicrosClock.toMicros(created);
        long time = Math.max(Math.max(observed, streamTime), shard.lastTimeMicros + 1);
        shard.lastTimeMicros = time;
        if (shard.buffer.isEmpty()) {
          shard.bufferFirstSequence = change.sequenceNumber();
          shard.bufferStartedNanos = System.nanoTime();
        }
        shard.buffer.add(new IncrementalRecord(time, change.keys(), oldImage, newImage));
      }
      shard.observedUpToMicros = Math.max(observed, shard.lastTimeMicros);
      shard.iterator = response.nextShardIterator();
      if (shard.iterator == null) {
        shard.endReached = true;
      }
      return !response.records().isEmpty();
    } catch (ExpiredIteratorException e) {
      shard.iterator = null;
      return false;
    } catch (TrimmedDataAccessException e) {
      restartAfterGap(shard);
      return false;
    } catch (ResourceNotFoundException e) {
      LOG.warn("Shard {} no longer exists; treating it as read to its end", shard.shardId);
      shard.endReached = true;
      return false;
    }
  }

  /**
   * The stream dropped records (older than its 24-hour retention) before they were stored: no
   * snapshot can be brought past that gap, so all are removed, reading restarts at the oldest
   * record still there, and the window starts again with a new snapshot.
   */
  private void restartAfterGap(ShardTail shard) {
    LOG.error("Shard {} lost records before they were stored (the recorder was behind by more"
        + " than the stream's retention); starting the backup again from a new snapshot",
        shard.shardId);
    for (var snapshot : store.listReadableSnapshots()) {
      store.deleteSnapshot(snapshot);
    }
    snapshots.clear();
    shard.lastReadSequence = null;
    shard.iterator = null;
  }

  private String iterator(ShardTail shard) {
    var after = shard.lastReadSequence;
    return streams
        .getShardIterator(
            get -> {
              get.streamArn(streamArn).shardId(shard.shardId);
              if (after == null) {
                get.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
              } else {
                get.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
              }
            })
        .shardIterator();
  }

  /** Stores each shard's buffer as a segment when it is old or large enough, or when forced. */
  private void storeDueSegments(boolean force) {
    long now = System.nanoTime();
    for (var shard : shards.values()) {
      boolean due =
          force
              || shard.endReached
              || shard.buffer.size() >= MAX_RECORDS_PER_SEGMENT
              || (!shard.buffer.isEmpty()
                  && now - shard.bufferStartedNanos >= settings.segmentInterval().toNanos());
      if (!due) {
        continue;
      }
      if (!shard.buffer.isEmpty()) {
        var name = SegmentRef.name(shard.buffer.getFirst().writeTimestampMicros(), shard.lastTimeMicros,
            shard.bufferFirstSequence, shard.lastReadSequence);
        store.objects().put(store.segmentKey(shard.shardId, name), ChangeLog.segment(shard.buffer));
        shard.buffer.clear();
      }
      var checkpoint =
          new ShardCheckpoint(shard.shardId, shard.lastReadSequence, shard.lastTimeMicros,
              shard.endReached);
      if (!checkpoint.equals(shard.checkpoint)) {
        store.writeCheckpoint(checkpoint);
        shard.checkpoint = checkpoint;
      }
      shard.storedUpToMicros = shard.observedUpToMicros;
    }
  }

  private long latestRestorableMicros() {
    long latest = Long.MAX_VALUE;
    for (var shard : shards.values()) {
      if (!shard.closed() && parentDone(shard)) {
        latest = Math.min(latest, shard.restorableUpToMicros());
      }
    }
    return latest == Long.MAX_VALUE ? micros.now() : latest;
  }

  private void applyRetention() {
    var plan =
        Retention.plan(List.copyOf(snapshots), store.listSegments(), micros.now(),
            Duration.ofDays(settings.recoveryPeriodDays()).toNanos() / 1_000);
    for (var snapshot : plan.obsoleteSnapshots()) {
      store.deleteSnapshot(snapshot);
      snapshots.remove(snapshot);
    }
    for (var segment : plan.obsoleteSegments()) {
      store.delete(segment.key());
    }
    for (var key : store.abandonedSnapshotKeys()) {
      store.delete(key);
    }
    if (!plan.obsoleteSnapshots().isEmpty() || !plan.obsoleteSegments().isEmpty()) {
      LOG.info("Retention removed {} snapshots and {} segments older than the recovery period",
          plan.obsoleteSnapshots().size(), plan.obsoleteSegments().size());
    }
  }

  private void publishStatus() {
    long now = micros.now();
    long latest = latestRestorableMicros();
    var plan =
        Retention.plan(List.copyOf(snapshots), List.of(), now,
            Duration.ofDays(settings.recoveryPeriodDays()).toNanos() / 1_000);
    boolean hasWindow = !snapshots.isEmpty() && latest >= plan.earliestRestorableMicros();
    long lagMillis = hasWindow ? Math.max(0, (now - latest) / 1_000) : 0;
    store.writeStatus(
        new BackupStatus(
            table.arn().arn(),
            table.tableId(),
            streamArn,
            settings.recoveryPeriodDays(),
            hasWindow ? MicrosClock.toInstant(plan.earliestRestorableMicros()) : null,
            hasWindow ? MicrosClock.toInstant(latest) : null,
            clock.instant(),
            lagMillis));
    if (System.nanoTime() >= nextLagLogNanos) {
      if (hasWindow) {
        LOG.info("Heartbeat: restorable from {} to {}, {} ms behind the stream",
            MicrosClock.toInstant(plan.earliestRestorableMicros()), MicrosClock.toInstant(latest), lagMillis);
      } else {
        LOG.info("Heartbeat: no restorable time yet; the first snapshot is being taken");
      }
      nextLagLogNanos = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    }
  }
}
