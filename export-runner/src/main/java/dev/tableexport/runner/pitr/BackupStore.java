package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.sink.S3Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;

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
 */
public final class BackupStore {

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
    return objects.getIfExists(location.statusKey(tableName)).map(bytes -> parse(bytes, BackupStatus::parse));
  }

  /**
   * Waits until a time at or after {@code notBefore} is restorable, and returns the first such
   * time (a whole millisecond, as export times are); empty if none is within {@code timeout}.
   */
  public Optional<Instant> awaitRestorable(Instant notBefore, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var status = readStatus().filter(BackupStatus::hasWindow);
      if (status.isPresent()) {
        var earliest = status.get().earliestRestorableDateTime();
        var earliestMillis = earliest.truncatedTo(ChronoUnit.MILLIS);
        var time = Collections.max(List.of(notBefore,
            earliestMillis.equals(earliest) ? earliest : earliestMillis.plusMillis(1)));
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

  /** Every shard's checkpoint, moved forward past any segment stored beyond it. */
  public Map<String, ShardCheckpoint> readCheckpoints() {
    var checkpoints = new HashMap<String, ShardCheckpoint>();
    for (var key : listKeys(root + "checkpoints/")) {
      var checkpoint = parse(objects.getIfExists(key).orElseThrow(), ShardCheckpoint::parse);
      checkpoints.put(checkpoint.shardId(), checkpoint);
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

  /** Every complete snapshot, oldest first. */
  public List<SnapshotManifest> listSnapshots() {
    var snapshots = new ArrayList<SnapshotManifest>();
    for (var key : listKeys(root + "snapshots/")) {
      if (key.endsWith("/snapshot.json")) {
        snapshots.add(parse(objects.getIfExists(key).orElseThrow(), SnapshotManifest::parse));
      }
    }
    snapshots.sort(Comparator.comparingLong(SnapshotManifest::startMicros));
    return snapshots;
  }

  /** Keys of snapshots that never completed; call only while no snapshot is being taken. */
  public List<String> abandonedSnapshotKeys() {
    var complete = listSnapshots().stream().map(s -> snapshotDirectory(s.startMicros())).toList();
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

  /** Opens a stored object, gunzipped. */
  public InputStream openGzip(String key) {
    try {
      return new GZIPInputStream(
          s3.getObject(get -> get.bucket(location.bucket()).key(key)), 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static <T> T parse(byte[] bytes, Parser<T> parser) {
    try {
      return parser.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("A backup object cannot be read: " + e.getMessage(), e);
    }
  }
}
