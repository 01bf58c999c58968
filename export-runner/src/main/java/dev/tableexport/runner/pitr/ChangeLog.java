package dev.tableexport.runner.pitr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tableexport.runner.format.DynamoDbJsonReader;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.IncrementalRecord;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The text of the backup's data: change-log segments are gzipped lines in the DYNAMODB_JSON
 * incremental-export form (one line per stream record, {@code WriteTimestampMicros} the time the
 * recorder gave it), snapshots are DYNAMODB_JSON item lines.
 */
public final class ChangeLog {

  private static final JsonFactory JSON = new JsonFactory();

  private ChangeLog() {}

  public static byte[] segment(List<IncrementalRecord> records) {
    var bytes = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(bytes);
        var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(gzip)) {
      for (var record : records) {
        encoder.writeIncrementalRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Hands every line of a (gunzipped) data file to {@code lines}, as UTF-8 bytes. */
  public static void forEachLine(InputStream data, Consumer<byte[]> lines) throws IOException {
    try (var reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 64 * 1024)) {
      for (var line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty()) {
          lines.accept(line.getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  public static IncrementalRecord parseRecord(byte[] line) {
    try (JsonParser json = JSON.createParser(line)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      Long micros = null;
      Map<String, AttributeValue> keys = null;
      Map<String, AttributeValue> oldImage = null;
      Map<String, AttributeValue> newImage = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        var field = json.currentName();
        json.nextToken();
        switch (field) {
          case "Metadata" -> micros = writeTimestampMicros(DynamoDbJsonReader.readAttributes(json));
          case "Keys" -> keys = DynamoDbJsonReader.readAttributes(json);
          case "OldImage" -> oldImage = DynamoDbJsonReader.readAttributes(json);
          case "NewImage" -> newImage = DynamoDbJsonReader.readAttributes(json);
          default -> json.skipChildren();
        }
      }
      expectEnd(json);
      if (micros == null || keys == null) {
        throw new IOException("the record has no " + (micros == null ? "Metadata" : "Keys"));
      }
      return new IncrementalRecord(micros, keys, oldImage, newImage);
    } catch (IOException e) {
      throw new UncheckedIOException("A change record cannot be read: " + e.getMessage(), e);
    }
  }

  public static Map<String, AttributeValue> parseItem(byte[] line) {
    try (JsonParser json = JSON.createParser(line)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      expect(json.nextToken(), JsonToken.FIELD_NAME);
      if (!json.currentName().equals("Item")) {
        throw new IOException("expected Item but found " + json.currentName());
      }
      json.nextToken();
      var item = DynamoDbJsonReader.readAttributes(json);
      expect(json.nextToken(), JsonToken.END_OBJECT);
      expectEnd(json);
      return item;
    } catch (IOException e) {
      throw new UncheckedIOException("A snapshot item cannot be read: " + e.getMessage(), e);
    }
  }

  private static long writeTimestampMicros(Map<String, AttributeValue> metadata)
      throws IOException {
    var micros = metadata.get("WriteTimestampMicros");
    if (micros == null || micros.n() == null) {
      throw new IOException("the record's Metadata has no WriteTimestampMicros number");
    }
    try {
      return Long.parseLong(micros.n());
    } catch (NumberFormatException e) {
      throw new IOException("WriteTimestampMicros " + micros.n() + " is not a whole number", e);
    }
  }

  private static void expectEnd(JsonParser json) throws IOException {
    var next = json.nextToken();
    if (next != null) {
      throw new IOException("expected the end of the line but found " + next);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }
}
