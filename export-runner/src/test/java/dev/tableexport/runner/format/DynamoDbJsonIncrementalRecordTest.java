package dev.tableexport.runner.format;

import static dev.tableexport.runner.format.AttributeValues.b;
import static dev.tableexport.runner.format.AttributeValues.bool;
import static dev.tableexport.runner.format.AttributeValues.item;
import static dev.tableexport.runner.format.AttributeValues.l;
import static dev.tableexport.runner.format.AttributeValues.m;
import static dev.tableexport.runner.format.AttributeValues.n;
import static dev.tableexport.runner.format.AttributeValues.nul;
import static dev.tableexport.runner.format.AttributeValues.s;
import static dev.tableexport.runner.format.AttributeValues.ss;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbJsonIncrementalRecordTest {

  private static final long MICROS = 1_700_000_023_456_789L;

  private static String encode(IncrementalRecord... records) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      for (var record : records) {
        encoder.writeIncrementalRecord(record);
      }
    }
    return out.toString(UTF_8);
  }

  @Test
  void modifyHasBothImages() throws IOException {
    var record =
        new IncrementalRecord(
            MICROS,
            item("pk", s("b")),
            item("pk", s("b"), "v", n("1")),
            item("pk", s("b"), "v", n("2"), "tags", ss("x")));

    assertEquals(
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000023456789\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"b\"}},"
            + "\"OldImage\":{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"1\"}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"2\"},"
            + "\"tags\":{\"SS\":[\"x\"]}}}\n",
        encode(record));
  }

  @Test
  void insertHasNoOldImage() throws IOException {
    var record =
        new IncrementalRecord(
            MICROS, item("pk", s("b"), "sk", n("7")), null, item("pk", s("b"), "sk", n("7")));

    assertEquals(
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000023456789\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"7\"}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"7\"}}}\n",
        encode(record));
  }

  @Test
  void deleteHasNoNewImage() throws IOException {
    var record =
        new IncrementalRecord(MICROS, item("pk", b(1, 2)), item("pk", b(1, 2), "z", nul()), null);

    assertEquals(
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000023456789\"}},"
            + "\"Keys\":{\"pk\":{\"B\":\"AQI=\"}},"
            + "\"OldImage\":{\"pk\":{\"B\":\"AQI=\"},\"z\":{\"NULL\":true}}}\n",
        encode(record));
  }

  @Test
  void newImageViewDeletionIsKeysOnly() throws IOException {
    var record = new IncrementalRecord(1_000_000L, item("pk", s("gone")), null, null);

    assertEquals(
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1000000\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"gone\"}}}\n",
        encode(record));
  }

  @Test
  void recordsAndItemsMixInOneFile() throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      encoder.writeItem(item("pk", s("a")));
      encoder.writeIncrementalRecord(
          new IncrementalRecord(MICROS, item("pk", s("b")), null, item("pk", s("b"))));
      encoder.writeItem(item("pk", s("c"), "m", m("l", l(bool(true)))));
      encoder.writeIncrementalRecord(
          new IncrementalRecord(MICROS + 2, item("pk", s("d")), null, null));
    }

    assertEquals(
        "{\"Item\":{\"pk\":{\"S\":\"a\"}}}\n"
            + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000023456789\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"b\"}},\"NewImage\":{\"pk\":{\"S\":\"b\"}}}\n"
            + "{\"Item\":{\"pk\":{\"S\":\"c\"},\"m\":{\"M\":{\"l\":{\"L\":[{\"BOOL\":true}]}}}}}\n"
            + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000023456791\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"d\"}}}\n",
        out.toString(UTF_8));
  }

  @Test
  void readerDecodesEveryPartBack() throws IOException {
    var record =
        new IncrementalRecord(
            MICROS,
            item("pk", s("k 😀"), "sk", n("-1.5")),
            item("pk", s("k 😀"), "sk", n("-1.5"), "m", m("a", l(nul(), b(0xff)))),
            item("pk", s("k 😀"), "sk", n("-1.5"), "gone", bool(false)));

    var parts = new LinkedHashMap<String, Map<String, AttributeValue>>();
    try (var parser = new JsonFactory().createParser(encode(record))) {
      parser.nextToken();
      for (var name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        parser.nextToken();
        parts.put(name, DynamoDbJsonReader.readAttributes(parser));
      }
      assertNull(parser.nextToken());
    }

    assertEquals(List.of("Metadata", "Keys", "OldImage", "NewImage"), List.copyOf(parts.keySet()));
    assertEquals(item("WriteTimestampMicros", n("1700000023456789")), parts.get("Metadata"));
    assertEquals(record.keys(), parts.get("Keys"));
    assertEquals(record.oldImage(), parts.get("OldImage"));
    assertEquals(record.newImage(), parts.get("NewImage"));
  }

  @Test
  void keysAreRequired() {
    assertThrows(NullPointerException.class, () -> new IncrementalRecord(MICROS, null, null, null));
  }
}
