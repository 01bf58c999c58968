package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.sink.S3Target;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One table's continuous backup in S3, under {@code <store>/<table name>/}:
 *
 * <pre>
 * status.json                                   the restorable window, heartbeat, lag
 * checkpoints/&lt;shardId&gt;.json                    how far each shard is archived
 * changes/&lt;shardId&gt;/&lt;segment&gt;.json.gz           change records (see SegmentRef)
 * snapshots/&lt;startMicros&gt;/data/&lt;file&gt;.json.gz   base snapshots, DYNAMODB_JSON item lines
 * snapshots/&lt;startMicros&gt;/snapshot.json         written last: the snapshot is complete
 * </pre>
 *
 * <p>An object that cannot be read is a {@link CorruptBackupObjectException} naming it, except
 * where the recorder can go on from the last good state: a checkpoint is then skipped (the shard
 * resumes after its last stored segment) and a snapshot manifest makes its snapshot incomplete.
 */
public final class BackupStore {

  private static final Logger LOG = LoggerFactory.getLogger(BackupStore.class);

  private final S3Client s3;
  private final StoreLocation location;
  private final String tableName;
  private final String root;
  private final S3ObjectStore objects;

  public BackupStore(S3Client s3, StoreLocation location, String tableName) {
    this.s3 = s3;
    this.location = location;
    this.tableName = tableName;
    this.root = location.tableRoot(tableName);
    this.objects = new S3ObjectStore(s3, new S3Target(location.bucket(), null, null, null));
  }

  public StoreLocation location() {
    return location;
  }

  public String root() {
    return root;
  }

  public S3ObjectStore objects() {
    return objects;
  }

  public Optional<BackupStatus> readStatus() {
    var key = location.statusKey(tableName);
    return objects.getIfExists(key).map(bytes -> parse(key, bytes, BackupStatus::parse));
  }

  /**
   * Waits until a time at or after {@code notBefore} is restorable, and returns the first such
   * time (a whole millisecond, as export times are, and in no hole); empty if none is within
   * {@code timeout}.
   */
  public Optional<Instant> awaitRestorable(Instant notBefore, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var status = readStatus().filter(BackupStatus::hasWindow);
      if (status.isPresent()) {
        var time = Collections.max(List.of(notBefore, MicrosClock.upToMillis(status.get().earliestRestorableDateTime())));
        for (var hole = status.get().holeAt(time); hole.isPresent(); hole = status.get().holeAt(time)) {
          time = MicrosClock.upToMillis(hole.get().end());
        }
        if (status.get().contains(time)) {
          return Optional.of(time);
        }
      }
      Thread.sleep(50);
    }
    return Optional.empty();
  }

  public void writeStatus(BackupStatus status) {
    objects.put(location.statusKey(tableName), status.toBytes());
  }

  /**
   * Every shard's checkpoint, moved forward past any segment stored beyond it. A checkpoint that
   * cannot be read is logged and skipped: its shard resumes after its last stored segment, which a
   * checkpoint is never behind, or from its trim horizon when it has none.
   */
  public Map<String, ShardCheckpoint> readCheckpoints() {
    var checkpoints = new HashMap<String, ShardCheckpoint>();
    for (var key : listKeys(root + "checkpoints/")) {
      try {
        var checkpoint = parse(key, objects.getIfExists(key).orElseThrow(), ShardCheckpoint::parse);
        checkpoints.put(checkpoint.shardId(), checkpoint);
      } catch (CorruptBackupObjectException e) {
        LOG.error("Checkpoint s3://{}/{} cannot be read ({}); its shard resumes after its last"
            + " stored segment, or from its trim horizon if it has none", location.bucket(), key,
            e.problem());
      }
    }
    for (var segment : listSegments()) {
      checkpoints.merge(segment.shardId(), ShardCheckpoint.start(segment.shardId()).advancedTo(segment),
          (checkpoint, ignored) -> checkpoint.advancedTo(segment));
    }
    return checkpoints;
  }

  public void writeCheckpoint(ShardCheckpoint checkpoint) {
    objects.put(root + "checkpoints/" + checkpoint.shardId() + ".json", checkpoint.toBytes());
  }

  public String segmentKey(String shardId, String name) {
    return root + "changes/" + shardId + "/" + name;
  }

  /** Every stored segment, oldest first. */
  public List<SegmentRef> listSegments() {
    var segments = new ArrayList<SegmentRef>();
    for (var key : listKeys(root + "changes/")) {
      SegmentRef.parse(key).ifPresent(segments::add);
    }
    segments.sort(Comparator.comparingLong(SegmentRef::firstMicros));
    return segments;
  }

  public String snapshotDataDirectory(long startMicros) {
    return snapshotDirectory(startMicros) + "data/";
  }

  public void writeSnapshotManifest(SnapshotManifest manifest) {
    objects.put(snapshotDirectory(manifest.startMicros()) + "snapshot.json", manifest.toBytes());
  }

  /** The full keys of a snapshot's data files. */
  public List<String> dataFileKeys(SnapshotManifest snapshot) {
    return snapshot.dataFiles().stream().map(file -> snapshotDirectory(snapshot.startMicros()) + file).toList();
  }

  /** A data file's key relative to its snapshot's directory, as manifests hold them. */
  String relativeToSnapshot(long startMicros, String key) {
    var directory = snapshotDirectory(startMicros);
    if (!key.startsWith(directory)) {
      throw new IllegalArgumentException(key + " is not under " + directory);
    }
    return key.substring(directory.length());
  }

  /** Every complete snapshot, oldest first; a manifest that cannot be read fails. */
  public List<SnapshotManifest> listSnapshots() {
    return readSnapshots(corrupt -> {
      throw corrupt;
    });
  }

  /**
   * Every complete snapshot whose manifest can be read, oldest first: one that cannot is logged
   * and counts as incomplete, so {@link #abandonedSnapshotKeys} deletes it.
   */
  public List<SnapshotManifest> listReadableSnapshots() {
    return readSnapshots(corrupt -> LOG.error("Snapshot manifest s3://{}/{} cannot be read ({});"
        + " the snapshot counts as incomplete and is deleted", location.bucket(), corrupt.key(),
        corrupt.problem()));
  }

  private List<SnapshotManifest> readSnapshots(Consumer<CorruptBackupObjectException> onCorrupt) {
    var snapshots = new ArrayList<SnapshotManifest>();
    for (var key : listKeys(root + "snapshots/")) {
      if (key.endsWith("/snapshot.json")) {
        try {
          // Gone since the listing: retention deletes a manifest first, so that snapshot is going.
          var bytes = objects.getIfExists(key);
          if (bytes.isPresent()) {
            snapshots.add(parse(key, bytes.get(), SnapshotManifest::parse));
          }
        } catch (CorruptBackupObjectException e) {
          onCorrupt.accept(e);
        }
      }
    }
    snapshots.sort(Comparator.comparingLong(SnapshotManifest::startMicros));
    return snapshots;
  }

  /**
   * Keys of snapshots that never completed, or whose manifest cannot be read; call only while no
   * snapshot is being taken.
   */
  public List<String> abandonedSnapshotKeys() {
    var complete =
        readSnapshots(corrupt -> {}).stream().map(s -> snapshotDirectory(s.startMicros())).toList();
    return listKeys(root + "snapshots/").stream()
        .filter(key -> complete.stream().noneMatch(key::startsWith))
        .toList();
  }

  public void deleteSnapshot(SnapshotManifest snapshot) {
    // The manifest first: a half-deleted snapshot must not look complete.
    objects.delete(snapshotDirectory(snapshot.startMicros()) + "snapshot.json");
    objects.deleteAllUnder(snapshotDirectory(snapshot.startMicros()));
  }

  public void delete(String key) {
    objects.delete(key);
  }

  /** What {@link #forEachLine} hands on: a line of a data file, and what its parser made of it. */
  public interface LineConsumer<T> {
    void accept(T parsed, byte[] line);
  }

  /**
   * Hands each line of a stored, gzipped data file (a segment, or a snapshot's data file) to
   * {@code lines}, parsed by {@code parse} (which throws UncheckedIOException for a line it rejects).
   * A missing object, data that is not gzip, and a line {@code parse} rejects fail naming the key.
   */
  public <T> void forEachLine(String key, Function<byte[], T> parse, LineConsumer<T> lines) {
    var lineNumber = new AtomicLong();
    try (var data = openGzip(key)) {
      ChangeLog.forEachLine(data, line -> {
        T parsed;
        try {
          lineNumber.incrementAndGet();
          parsed = parse.apply(line);
        } catch (UncheckedIOException e) {
          var problem = CorruptBackupObjectException.problemOf(e.getCause());
          throw corrupt(key, "line " + lineNumber + ": " + problem, e);
        }
        lines.accept(parsed, line);
      });
    } catch (NoSuchKeyException e) {
      throw corrupt(key, "it does not exist", e);
    } catch (EOFException e) {
      throw corrupt(key, "its gzip data ends early, after " + lineNumber + " lines", e);
    } catch (ZipException e) {
      throw corrupt(key, "it is not gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading s3://" + location.bucket() + "/" + key + " failed", e);
    }
  }

  private InputStream openGzip(String key) throws IOException {
    return new GZIPInputStream(s3.getObject(get -> get.bucket(location.bucket()).key(key)), 64 * 1024);
  }

  private String snapshotDirectory(long startMicros) {
    return root + "snapshots/" + SnapshotManifest.directoryName(startMicros) + "/";
  }

  private List<String> listKeys(String prefix) {
    return s3.listObjectsV2Paginator(list -> list.bucket(location.bucket()).prefix(prefix)).contents().stream()
        .map(object -> object.key())
        .toList();
  }

  private interface Parser<T> {
    T parse(byte[] bytes) throws IOException;
  }

  /** Parses a small JSON object of the store; whatever the parser throws means it is corrupt. */
  private <T> T parse(String key, byte[] bytes, Parser<T> parser) {
    try {
      return parser.parse(bytes);
    } catch (IOException | RuntimeException e) {
      throw corrupt(key, CorruptBackupObjectException.problemOf(e), e);
    }
  }

  private CorruptBackupObjectException corrupt(String key, String problem, Exception cause) {
    return new CorruptBackupObjectException(location.bucket(), key, problem, cause);
  }
}
