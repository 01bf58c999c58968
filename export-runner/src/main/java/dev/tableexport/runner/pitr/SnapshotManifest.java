package dev.tableexport.runner.pitr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * A complete base snapshot (snapshot.json, written last): a scan that began at {@code
 * startMicros} and ended at {@code endMicros}. With every change recorded since its start applied,
 * it gives the table at any time from its end on.
 */
public record SnapshotManifest(long startMicros, long endMicros, long itemCount, List<String> dataFileKeys) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("A snapshot manifest always serializes", e);
    }
  }

  public static SnapshotManifest parse(byte[] bytes) throws IOException {
    return JSON.readValue(bytes, SnapshotManifest.class);
  }
}
