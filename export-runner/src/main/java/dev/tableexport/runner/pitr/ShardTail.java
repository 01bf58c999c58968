package dev.tableexport.runner.pitr;

import dev.tableexport.runner.format.IncrementalRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorder's state for one stream shard: where reading resumes, the records read but not yet
 * stored, and up to which time everything observed is stored.
 */
final class ShardTail {

  final String shardId;
  final String parentShardId;
  ShardCheckpoint checkpoint;
  String iterator;
  long lastTimeMicros;
  String lastReadSequence;
  boolean endReached;

  final List<IncrementalRecord> buffer = new ArrayList<>();
  String bufferFirstSequence;
  long bufferStartedNanos;

  /**
   * Every change made before this time has been read, and every record this shard yields from now
   * on gets a later time. It moves only when a read reaches the end of what the shard holds.
   */
  long observedUpToMicros;

  /** Everything observed up to this time is stored. */
  long storedUpToMicros;

  /** @param observedUpToMicros up to when a previous run had read everything, or 0 */
  ShardTail(String shardId, String parentShardId, ShardCheckpoint checkpoint, long observedUpToMicros) {
    this.shardId = shardId;
    this.parentShardId = parentShardId;
    this.checkpoint = checkpoint;
    this.lastTimeMicros = checkpoint.lastTimeMicros();
    this.lastReadSequence = checkpoint.lastSequenceNumber();
    this.observedUpToMicros = observedUpToMicros;
  }

  boolean closed() {
    return checkpoint.closed();
  }

  /** This shard's bound on the restorable window. */
  long restorableUpToMicros() {
    return buffer.isEmpty() ? observedUpToMicros : storedUpToMicros;
  }
}
