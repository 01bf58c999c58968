package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentRefTest {

  private static final String SHARD = "shardId-00000001700000000000-0a1b2c3d";

  @Test
  void nameHasZeroPaddedMicrosAndTheSequences() {
    assertEquals(
        "0000000000000007-1700000000123456-000000000000000000123-000000000000000000130.json.gz",
        SegmentRef.name(
            7, 1_700_000_000_123_456L, "000000000000000000123", "000000000000000000130"));
    assertEquals("0000000000000000-0000000000000000-1-1.json.gz", SegmentRef.name(0, 0, "1", "1"));
  }

  @Test
  void parseReadsBackTheName() {
    var key = "changes/" + SHARD + "/" + SegmentRef.name(12, 34, "900", "1000");

    assertEquals(
        Optional.of(new SegmentRef(key, SHARD, 12, 34, "900", "1000")), SegmentRef.parse(key));
  }

  @Test
  void parseReadsKeysUnderAStorePrefix() {
    var name = SegmentRef.name(1_700_000_000_000_001L, 1_700_000_000_999_999L, "5", "49");
    var key = "backups/pitr/orders/changes/" + SHARD + "/" + name;

    var segment = SegmentRef.parse(key).orElseThrow();

    assertEquals(key, segment.key());
    assertEquals(SHARD, segment.shardId());
    assertEquals(1_700_000_000_000_001L, segment.firstMicros());
    assertEquals(1_700_000_000_999_999L, segment.lastMicros());
    assertEquals("5", segment.firstSequence());
    assertEquals("49", segment.lastSequence());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders/status.json",
        "orders/checkpoints/shard-1.json",
        "orders/snapshots/1700000000000000/snapshot.json",
        "orders/snapshots/1700000000000000/data/0000000000000001-0000000000000002-3-4.json.gz",
        "orders/changes/0000000000000001-0000000000000002-3-4.json.gz",
        "orders/changes/shard-1/nested/0000000000000001-0000000000000002-3-4.json.gz",
        "orders/changes/shard-1/0000000000000001-0000000000000002-3.json.gz",
        "orders/changes/shard-1/0000000000000001-0000000000000002-3-.json.gz",
        "orders/changes/shard-1/1-2-3-4.json.gz",
        "orders/changes/shard-1/0000000000000001-0000000000000002-3-4.json",
        "orders/changes/shard-1/0000000000000001-0000000000000002-3-4.json.gz.tmp",
        "orders/changes/shard-1/0000000000000001-0000000000000002-x-4.json.gz",
        ""
      })
  void parseRejectsOtherKeys(String key) {
    assertEquals(Optional.empty(), SegmentRef.parse(key));
  }

  @Test
  void overlapsIsInclusiveAtBothEnds() {
    var segment = new SegmentRef("k", SHARD, 100, 200, "1", "2");

    assertTrue(segment.overlaps(200, 300));
    assertTrue(segment.overlaps(0, 100));
    assertTrue(segment.overlaps(120, 130));
    assertTrue(segment.overlaps(0, 1_000));
    assertTrue(segment.overlaps(100, 100));
    assertFalse(segment.overlaps(201, 300));
    assertFalse(segment.overlaps(0, 99));
  }
}
