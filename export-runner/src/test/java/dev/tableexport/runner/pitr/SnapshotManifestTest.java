package dev.tableexport.runner.pitr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotManifestTest {

  private static final long START = 1_700_000_000_123_456L;

  @Test
  void storesDataFilesRelativeToTheSnapshotDirectory() throws IOException {
    var manifest = new SnapshotManifest(START, START + 10, 3, List.of("data/a.json.gz", "data/b.json.gz"));

    var json = new String(manifest.toBytes(), UTF_8);

    assertTrue(json.contains("\"dataFiles\":[\"data/a.json.gz\",\"data/b.json.gz\"]"), json);
    assertFalse(json.contains("pitr/"), json);
    assertEquals(manifest, SnapshotManifest.parse(manifest.toBytes()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "pitr/orders/snapshots/1700000000123456/data/a.json.gz", // this store's root
    "elsewhere/deeper/orders/snapshots/1700000000123456/data/a.json.gz", // the store copied from
    "orders/snapshots/1700000000123456/data/a.json.gz" // a store without a prefix
  })
  void readsTheFullKeysOfEarlierManifestsRelativeToTheSnapshotDirectory(String key) throws IOException {
    var legacy = "{\"startMicros\":" + START + ",\"endMicros\":" + (START + 10)
        + ",\"itemCount\":3,\"dataFileKeys\":[\"" + key
        + "\"]}";

    var manifest = SnapshotManifest.parse(legacy.getBytes(UTF_8));

    assertEquals(List.of("data/a.json.gz"), manifest.dataFiles());
  }

  @Test
  void aFullKeyOutsideTheSnapshotDirectoryIsNotAValidManifest() {
    var legacy = "{\"startMicros\":" + START + ",\"endMicros\":1,\"itemCount\":3,\"dataFileKeys\":"
        + "[\"pitr/orders/snapshots/0000000000000001/data/a.json.gz\"]}";

    var e = assertThrows(IOException.class, () -> SnapshotManifest.parse(legacy.getBytes(UTF_8)));

    assertTrue(e.getMessage().contains("not in the snapshot's directory"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "{\"startMicros\":1,\"endMicros\":2,\"itemCount\":0,\"dataFiles\":[", "\u0001\u00ffgarbage",
    "{\"startMicros\":1,\"endMicros\":2,\"itemCount\":0}", "{\"endMicros\":2,\"itemCount\":0,\"dataFiles\":[]}",
    "{\"startMicros\":1,\"endMicros\":2,\"itemCount\":0,\"dataFiles\":[\" \"]}"
  })
  void anythingElseIsNotAValidManifest(String json) {
    assertThrows(IOException.class, () -> SnapshotManifest.parse(json.getBytes(UTF_8)));
  }
}
