package dev.tableexport.runner.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** manifest-files.json: JSON Lines, keys in DynamoDB's order, every line ending in a newline. */
public final class ManifestFiles {

  private static final JsonFactory JSON = new JsonFactory();

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

  public static long itemCount(List<DataFileEntry> files) {
    return files.stream().mapToLong(DataFileEntry::itemCount).sum();
  }
}
