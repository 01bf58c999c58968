package dev.tableexport.runner.pitr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;

/**
 * How far one stream shard has been archived: the last sequence number in a stored segment, the
 * time given to it, and whether the shard is closed and fully read.
 */
public record ShardCheckpoint(
    String shardId, String lastSequenceNumber, long lastTimeMicros, boolean closed) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ShardCheckpoint start(String shardId) {
    return new ShardCheckpoint(shardId, null, 0, false);
  }

  /**
   * This checkpoint moved forward to a segment stored beyond it: a recorder stopped between
   * writing a segment and its checkpoint resumes after the segment, so nothing is archived twice.
   */
  public ShardCheckpoint advancedTo(SegmentRef segment) {
    if (lastSequenceNumber != null
        && new BigInteger(segment.lastSequence()).compareTo(new BigInteger(lastSequenceNumber)) <= 0) {
      return this;
    }
    return new ShardCheckpoint(shardId, segment.lastSequence(), segment.lastMicros(), closed);
  }

  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("A checkpoint always serializes", e);
    }
  }

  public static ShardCheckpoint parse(byte[] bytes) throws IOException {
    var checkpoint = JSON.readValue(bytes, ShardCheckpoint.class);
    if (checkpoint.shardId == null || checkpoint.shardId.isBlank()) {
      throw new IOException("the checkpoint has no shardId");
    }
    if (checkpoint.lastSequenceNumber != null && !checkpoint.lastSequenceNumber.matches("\\d+")) {
      throw new IOException("lastSequenceNumber " + checkpoint.lastSequenceNumber + " is not a sequence number");
    }
    return checkpoint;
  }
}
