package dev.tableexport.runner.pitr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A complete base snapshot (snapshot.json, written last): a scan that began at {@code
 * startMicros} and ended at {@code endMicros}. With every change recorded since its start applied,
 * it gives the table at any time from its end on.
 *
 * @param dataFiles its data files, relative to the snapshot's directory, so that a copy of the
 *     store at another prefix reads its own files
 */
public record SnapshotManifest(long startMicros, long endMicros, long itemCount, List<String> dataFiles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SnapshotManifest {
    dataFiles = List.copyOf(dataFiles);
  }

  /** The name of the directory, under {@code snapshots/}, of the snapshot begun at this time. */
  public static String directoryName(long startMicros) {
    return String.format(Locale.ROOT, "%016d", startMicros);
  }

  /**
   * A data file's key relative to its snapshot's directory, from its full key under this store or
   * under the store it was copied from.
   */
  public static String relativeKey(long startMicros, String key) throws IOException {
    var match = Pattern.compile("(?:.*/)?snapshots/" + directoryName(startMicros) + "/(.+)").matcher(key);
    if (!match.matches()) {
      throw new IOException("data file " + key + " is not in the snapshot's directory snapshots/"
          + directoryName(startMicros) + "/");
    }
    return match.group(1);
  }

  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("A snapshot manifest always serializes", e);
    }
  }

  /** Also reads the manifests of earlier versions, which hold the data files' full keys. */
  public static SnapshotManifest parse(byte[] bytes) throws IOException {
    var stored = JSON.readValue(bytes, Stored.class);
    if (stored.startMicros == null || stored.endMicros == null || stored.itemCount == null) {
      throw new IOException("the manifest lacks startMicros, endMicros or itemCount");
    }
    var dataFiles = new ArrayList<String>();
    if (stored.dataFiles != null) {
      dataFiles.addAll(stored.dataFiles);
    } else if (stored.dataFileKeys != null) {
      for (var key : stored.dataFileKeys) {
        dataFiles.add(relativeKey(stored.startMicros, key));
      }
    } else {
      throw new IOException("the manifest lists no dataFiles");
    }
    if (dataFiles.stream().anyMatch(file -> file == null || file.isBlank())) {
      throw new IOException("the manifest lists a blank data file");
    }
    return new SnapshotManifest(stored.startMicros, stored.endMicros, stored.itemCount, dataFiles);
  }

  /** @param dataFileKeys full keys, as manifests held them before {@code dataFiles} */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Stored(
      Long startMicros, Long endMicros, Long itemCount, List<String> dataFiles, List<String> dataFileKeys) {}
}
