package dev.tableexport.runner.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** manifest-files.json: JSON Lines, keys in DynamoDB's order, every line ending in a newline. */
public final class ManifestFiles {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper();

  private ManifestFiles() {}

  public static byte[] toBytes(List<DataFileEntry> files) {
    var out = new ByteArrayOutputStream();
    try {
      for (var file : files) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
          json.writeStartObject();
          json.writeNumberField("itemCount", file.itemCount());
          json.writeStringField("md5Checksum", file.md5Checksum());
          json.writeStringField("etag", file.etag());
          json.writeStringField("dataFileS3Key", file.dataFileS3Key());
          json.writeEndObject();
        }
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The entries of a manifest-files.json; a line that is not one is an IOException naming it. */
  public static List<DataFileEntry> parse(byte[] manifest) throws IOException {
    var files = new ArrayList<DataFileEntry>();
    var lines = new String(manifest, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      var line = READER.readTree(lines.get(i));
      var key = line.path("dataFileS3Key");
      var md5 = line.path("md5Checksum");
      var count = line.path("itemCount");
      if (!key.isTextual() || !md5.isTextual() || !count.canConvertToLong()) {
        throw new IOException("line " + (i + 1) + " lacks itemCount, md5Checksum or dataFileS3Key");
      }
      files.add(new DataFileEntry(count.asLong(), md5.asText(), line.path("etag").asText(null),
          key.asText()));
    }
    return files;
  }

  public static long itemCount(List<DataFileEntry> files) {
    return files.stream().mapToLong(DataFileEntry::itemCount).sum();
  }
}
