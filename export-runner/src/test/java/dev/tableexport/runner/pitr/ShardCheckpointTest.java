package dev.tableexport.runner.pitr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardCheckpointTest {

  private static final String SHARD = "shardId-00000001700000000000-0a1b2c3d";

  private static SegmentRef segment(long lastMicros, String lastSequence) {
    return new SegmentRef("k", SHARD, lastMicros - 10, lastMicros, "1", lastSequence);
  }

  private static ShardCheckpoint at(String sequence, boolean closed) {
    return new ShardCheckpoint(SHARD, sequence, 500, closed);
  }

  @Test
  void jsonRoundTrip() throws IOException {
    var checkpoint =
        new ShardCheckpoint(SHARD, "000000000000000000123", 1_700_000_000_123_456L, true);

    assertEquals(checkpoint, ShardCheckpoint.parse(checkpoint.toBytes()));
  }

  @Test
  void startRoundTripsWithoutASequence() throws IOException {
    var start = ShardCheckpoint.start(SHARD);

    assertEquals(new ShardCheckpoint(SHARD, null, 0, false), start);
    assertEquals(start, ShardCheckpoint.parse(start.toBytes()));
  }

  @Test
  void parseReadsTheStoredFieldNames() throws IOException {
    var json =
        "{\"shardId\":\"s\",\"lastSequenceNumber\":\"42\",\"lastTimeMicros\":7,\"closed\":true}";

    assertEquals(
        new ShardCheckpoint("s", "42", 7, true), ShardCheckpoint.parse(json.getBytes(UTF_8)));
  }

  @Test
  void advancesToASegmentWithANumericallyGreaterSequence() {
    var advanced = at("900", false).advancedTo(segment(2_000, "1000"));

    assertEquals(new ShardCheckpoint(SHARD, "1000", 2_000, false), advanced);
  }

  @Test
  void staysForAnEqualOrOlderSegment() {
    var checkpoint = at("1000", false);

    assertSame(checkpoint, checkpoint.advancedTo(segment(2_000, "1000")));
    assertSame(checkpoint, checkpoint.advancedTo(segment(2_000, "999")));
    assertSame(checkpoint, checkpoint.advancedTo(segment(2_000, "0900")));
  }

  @Test
  void zeroPaddedLocalSequenceNumbersCompareByValue() {
    var checkpoint = at("000000000000000000123", false);

    assertSame(checkpoint, checkpoint.advancedTo(segment(2_000, "99")));
    assertSame(checkpoint, checkpoint.advancedTo(segment(2_000, "123")));
    assertEquals(
        "000000000000000000124",
        checkpoint.advancedTo(segment(2_000, "000000000000000000124")).lastSequenceNumber());
  }

  @Test
  void sequenceNumbersBeyondALongCompare() {
    var checkpoint = at("49654358437293658163839024826718240538398186367491686402", false);

    var advanced =
        checkpoint.advancedTo(
            segment(2_000, "49654358437293658163839024826718240538398186367491686403"));

    assertEquals(
        "49654358437293658163839024826718240538398186367491686403", advanced.lastSequenceNumber());
    assertSame(checkpoint, checkpoint.advancedTo(segment(2_000, "9223372036854775807")));
  }

  @Test
  void advancingKeepsClosed() {
    assertTrue(at("1", true).advancedTo(segment(2_000, "2")).closed());
    assertFalse(at("1", false).advancedTo(segment(2_000, "2")).closed());
  }

  @Test
  void anySegmentAdvancesTheStart() {
    var advanced = ShardCheckpoint.start(SHARD).advancedTo(segment(1_234, "0"));

    assertEquals(new ShardCheckpoint(SHARD, "0", 1_234, false), advanced);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "{\"shardId\":\"s\",\"lastSeq", "\u0001\u00ffgarbage", "{\"lastSequenceNumber\":\"1\"}",
    "{\"shardId\":\"s\",\"lastSequenceNumber\":\"12ab\"}"
  })
  void anUnreadableCheckpointIsAnIOException(String json) {
    assertThrows(IOException.class,
        () -> ShardCheckpoint.parse(json.getBytes(UTF_8)));
  }
}
