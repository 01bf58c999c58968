package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.source.SourceTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Each change gets a time no earlier than it happened: when the recorder read it or, if it was
 * read late, the latest time its ApproximateCreationDateTime allows, whichever is earlier; and
 * strictly increasing along a shard's lineage, after every time already published, so that the
 * records of one item are in order and no record stored later gets a time already restorable. The
 * latest restorable time is the earliest, over the open shards, of the time up to which everything
 * is read and stored.
 *
 * <p>A change whose time may be more than a poll (plus a second) after it happened makes the span
 * between the earliest it can have happened and its time a hole: a full export at a time in it
 * could miss the change, so no time in it is restorable. This happens when the recorder was down
 * or behind, and only where the stream's times are too coarse to place the change (DynamoDB
 * Local's are to the minute; DynamoDB's to the second).
 */
public final class Recorder {

  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final int MAX_RECORDS_PER_SEGMENT = 10_000;
  private static final Duration SHARD_DISCOVERY_INTERVAL = Duration.ofSeconds(10);
  private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);
  private static final Duration EXACT_BEYOND_POLL = Duration.ofSeconds(1);
  private static final int RECORDS_PER_READ = 1000;

  public record Settings(
      int recoveryPeriodDays,
      Duration pollInterval,
      Duration segmentInterval,
      Duration statusInterval,
      Duration snapshotInterval,
      ExportPipeline.Settings snapshotPipeline,
      Duration streamTimePrecision) {

    /** How far from its real time a change may be stored without making a hole. */
    Duration exactWithin() {
      return pollInterval.plus(EXACT_BEYOND_POLL);
    }
  }

  private final DynamoDbStreamsClient streams;
  private final BackupStore store;
  private final SourceTable table;
  private final String streamArn;
  private final Settings settings;
  private final Clock clock;
  private final MicrosClock micros;
  private final long precisionMicros;
  private final long exactWithinMicros;
  private final Snapshotter snapshotter;
  private final Map<String, ShardTail> shards = new LinkedHashMap<>();
  private final List<SnapshotManifest> snapshots = new ArrayList<>();
  private TimingHoles holes = new TimingHoles(List.of());
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
    this.precisionMicros = settings.streamTimePrecision().toNanos() / 1_000;
    this.exactWithinMicros = settings.exactWithin().toNanos() / 1_000;
    this.snapshotter =
        new Snapshotter(dynamo, store, table, settings.snapshotPipeline(), micros::now);
  }

  /** Asks {@link #run} to store what it has read, publish its status, and return. */
  public void stop() {
    stopRequested = true;
  }

  /** Records until {@link #stop} is called. */
  public void run() throws InterruptedException {
    var checkpoints = store.readCheckpoints();
    snapshots.addAll(store.listReadableSnapshots());
    discoverShards(checkpoints, recoverHoles());
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
            discoverShards(Map.of(), 0);
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

  /**
   * Takes the holes the last run published, and returns the time up to which it had read and
   * stored everything: changes read from here on happened after it. A status that cannot be read
   * hides what the last run knew, so every time before now becomes a hole.
   */
  private long recoverHoles() {
    try {
      var previous = store.readStatus();
      holes = new TimingHoles(previous.map(BackupStatus::holes).orElse(List.of()));
      return previous.filter(BackupStatus::hasWindow)
          .map(status -> MicrosClock.toMicros(status.latestRestorableDateTime()))
          .orElse(0L);
    } catch (CorruptBackupObjectException e) {
      LOG.error("{}; it is written again, and no time before now is restorable any more", e.getMessage());
      holes = new TimingHoles(List.of());
      long now = micros.now();
      holes.widen(snapshots.isEmpty() ? 0 : snapshots.getFirst().startMicros(), now);
      return now;
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

  private void discoverShards(Map<String, ShardCheckpoint> checkpoints, long observedUpToMicros) {
    String lastEvaluated = null;
    do {
      var start = lastEvaluated;
      var description =
          streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(start)).streamDescription();
      for (Shard shard : description.shards()) {
        shards.computeIfAbsent(
            shard.shardId(),
            id -> new ShardTail(id, shard.parentShardId(),
                checkpoints.getOrDefault(id, ShardCheckpoint.start(id)), observedUpToMicros));
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
          var parent = shards.get(shard.parentShardId);
          shard.lastTimeMicros = parent.lastTimeMicros;
          shard.observedUpToMicros = Math.max(shard.observedUpToMicros, parent.observedUpToMicros);
        }
      }
      var iterator = shard.iterator;
      long asked = micros.now();
      var response = streams.getRecords(get -> get.shardIterator(iterator).limit(RECORDS_PER_READ));
      long observed = micros.now();
      for (var record : response.records()) {
        var change = record.dynamodb();
        shard.lastReadSequence = change.sequenceNumber();
        var oldImage = change.hasOldImage() ? change.oldImage() : null;
        var newImage = change.hasNewImage() ? change.newImage() : null;
        if (oldImage != null && oldImage.equals(newImage)) {
          continue; // a write that changed nothing, for which DynamoDB's own stream has no record
        }
        long time = stamp(shard, change.approximateCreationDateTime(), observed);
        shard.lastTimeMicros = time;
        if (shard.buffer.isEmpty()) {
          shard.bufferFirstSequence = change.sequenceNumber();
          shard.bufferStartedNanos = System.nanoTime();
        }
        shard.buffer.add(new IncrementalRecord(time, change.keys(), oldImage, newImage));
      }
      if (response.records().size() < RECORDS_PER_READ) {
        shard.observedUpToMicros = Math.max(asked, shard.lastTimeMicros);
      }
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
   * The time of a change read at {@code observed}; widens a hole when the change may have happened
   * longer before it than {@link Settings#exactWithin}. A read that follows the last complete one
   * closely times its changes by itself; only a late read trusts the stream's clock, which may
   * differ from the recorder's.
   */
  private long stamp(ShardTail shard, Instant approximateCreation, long observed) {
    long approximate = approximateCreation == null ? 0 : MicrosClock.toMicros(approximateCreation);
    boolean late = observed - shard.observedUpToMicros > exactWithinMicros;
    long latestPossible = late && approximateCreation != null
        ? Math.min(observed, approximate + precisionMicros - 1)
        : observed;
    long time = Math.max(latestPossible, Math.max(shard.lastTimeMicros, shard.observedUpToMicros) + 1);
    long earliestPossible = Math.max(shard.observedUpToMicros, approximate);
    if (time - earliestPossible > exactWithinMicros) {
      holes.widen(earliestPossible, time);
    }
    return time;
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
    if (holes.unpublished()) {
      publishStatus(); // before the changes that made the hole are stored
    }
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

  private Retention.Plan retentionPlan(List<SegmentRef> segments, long nowMicros) {
    return Retention.plan(List.copyOf(snapshots), segments, nowMicros,
        Duration.ofDays(settings.recoveryPeriodDays()).toNanos() / 1_000, holes.spans());
  }

  private void applyRetention() {
    var plan = retentionPlan(store.listSegments(), micros.now());
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
    var plan = retentionPlan(List.of(), now);
    boolean hasWindow = !snapshots.isEmpty() && latest >= plan.earliestRestorableMicros();
    long lagMillis = hasWindow ? Math.max(0, (now - latest) / 1_000) : 0;
    if (hasWindow) {
      holes.dropEndingBy(plan.earliestRestorableMicros());
    }
    boolean newHole = holes.unpublished() && holes.latestEnd() > plan.earliestRestorableMicros();
    store.writeStatus(
        new BackupStatus(
            table.arn().arn(),
            table.tableId(),
            streamArn,
            settings.recoveryPeriodDays(),
            hasWindow ? MicrosClock.toInstant(plan.earliestRestorableMicros()) : null,
            hasWindow ? MicrosClock.toInstant(latest) : null,
            clock.instant(),
            lagMillis,
            holes.published()));
    if (newHole) {
      LOG.warn("The restorable window has a hole from {} to {}: changes were read too late to time"
          + " them exactly (the recorder was down or behind the stream); exports at times inside it"
          + " are refused", MicrosClock.toInstant(holes.latestStart()), MicrosClock.toInstant(holes.latestEnd()));
    }
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
