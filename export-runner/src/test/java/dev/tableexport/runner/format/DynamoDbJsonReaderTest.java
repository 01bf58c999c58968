package dev.tableexport.runner.format;

import static dev.tableexport.runner.format.AttributeValues.b;
import static dev.tableexport.runner.format.AttributeValues.bool;
import static dev.tableexport.runner.format.AttributeValues.bs;
import static dev.tableexport.runner.format.AttributeValues.bytes;
import static dev.tableexport.runner.format.AttributeValues.item;
import static dev.tableexport.runner.format.AttributeValues.l;
import static dev.tableexport.runner.format.AttributeValues.m;
import static dev.tableexport.runner.format.AttributeValues.n;
import static dev.tableexport.runner.format.AttributeValues.ns;
import static dev.tableexport.runner.format.AttributeValues.nul;
import static dev.tableexport.runner.format.AttributeValues.s;
import static dev.tableexport.runner.format.AttributeValues.ss;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import dev.tableexport.runner.testing.SdkJsonItemDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbJsonReaderTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static String encodeLine(Map<String, AttributeValue> item) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      encoder.writeItem(item);
    }
    return out.toString(UTF_8);
  }

  /** Reads an encoded line's Item object through the streaming API, checking where it stops. */
  private static Map<String, AttributeValue> roundTrip(Map<String, AttributeValue> item)
      throws IOException {
    try (var parser = JSON.createParser(encodeLine(item))) {
      assertEquals(JsonToken.START_OBJECT, parser.nextToken());
      assertEquals("Item", parser.nextFieldName());
      assertEquals(JsonToken.START_OBJECT, parser.nextToken());
      var read = DynamoDbJsonReader.readAttributes(parser);
      assertEquals(JsonToken.END_OBJECT, parser.currentToken());
      assertEquals(JsonToken.END_OBJECT, parser.nextToken(), "the line's own END_OBJECT is next");
      assertNull(parser.nextToken());
      return read;
    }
  }

  @Test
  void everyTypeRoundTrips() throws IOException {
    var item =
        item(
            "s", s("x"),
            "emptyString", s(""),
            "n", n("-12.5E+3"),
            "big", n("12345678901234567890123456789012345678"),
            "tiny", n("1E-130"),
            "b", b(0, 1, 2, 0xff, 0x80),
            "emptyBinary", b(),
            "t", bool(true),
            "f", bool(false),
            "z", nul(),
            "ss", ss("a", "b c"),
            "ns", ns("1", "2.5", "-3"),
            "bs", bs(bytes(0xde, 0xad), bytes(0xbe, 0xef), bytes(0xfb, 0xff)));

    assertEquals(item, roundTrip(item));
  }

  @Test
  void nestedMapsAndListsRoundTrip() throws IOException {
    var item =
        item(
            "m",
            m("inner", l(n("1"), s("two"), m("deep", l(nul(), bool(true)))), "empty", m()),
            "emptyList",
            l(),
            "lists",
            l(l(), l(l(s("x"))), l(ss("a"), ns("1"), bs(bytes(1)), b(2))));

    assertEquals(item, roundTrip(item));
  }

  @Test
  void emptyMapRoundTrips() throws IOException {
    assertEquals(Map.of(), roundTrip(item()));
  }

  @Test
  void attributesKeepDocumentOrder() throws IOException {
    var item = item("z", n("1"), "a", n("2"), "m", n("3"), "b", n("4"));

    var read = roundTrip(item);

    assertInstanceOf(LinkedHashMap.class, read);
    assertEquals(List.of("z", "a", "m", "b"), new ArrayList<>(read.keySet()));
  }

  @Test
  void unicodeAndEscapesRoundTrip() throws IOException {
    var item =
        item(
            "emoji😀", s("a😀b café 中文"),
            "ss", ss("\uD834\uDD1E", "ñ"),
            "with \"quotes\"\\", s("q\" b\\ t\t n\n nul\u0000 /"),
            "m", m("名", l(s("😀"))));

    assertEquals(item, roundTrip(item));
  }

  @Test
  void rawUtf8SupplementaryCharactersAreReadToo() throws IOException {
    assertEquals(
        item("😀", s("a😀b")), DynamoDbJsonReader.parseAttributes("{\"😀\":{\"S\":\"a😀b\"}}"));
  }

  @Test
  void largeValuesRoundTrip() throws IOException {
    var text = new StringBuilder();
    for (int i = 0; text.length() < 399_000; i++) {
      text.append((char) ('a' + i % 26));
      if (i % 1000 == 0) {
        text.append("é\"\\\n中😀");
      }
    }
    var binary = new byte[300_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    var list = new ArrayList<AttributeValue>();
    for (int i = 0; i < 10_000; i++) {
      list.add(i % 2 == 0 ? n(Integer.toString(i)) : s("e" + i));
    }
    var item =
        item(
            "text", s(text.toString()),
            "binary", AttributeValue.fromB(SdkBytes.fromByteArray(binary)),
            "list", AttributeValue.fromL(list));

    var read = roundTrip(item);

    assertEquals(item, read);
    assertArrayEquals(binary, read.get("binary").b().asByteArray());
  }

  @Test
  void agreesWithTheSdkUnmarshaller() throws IOException {
    var item =
        item(
            "pk", s("order#1 😀"),
            "n", n("12.50"),
            "b", b(0, 0xff),
            "bs", bs(bytes(1), bytes(2, 3)),
            "m", m("a", l(nul(), bool(false), m())),
            "ns", ns("1", "1E-130"));
    var line = encodeLine(item).strip();
    var itemJson = line.substring("{\"Item\":".length(), line.length() - 1);

    try (var sdk = new SdkJsonItemDecoder()) {
      assertEquals(sdk.decode(itemJson), DynamoDbJsonReader.parseAttributes(itemJson));
    }
  }

  @Test
  void readsTheImagesOfAnIncrementalLine() throws IOException {
    var line =
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000023456789\"}},"
            + "\"Keys\":{\"pk\":{\"S\":\"b\"}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"b\"},\"v\":{\"N\":\"2\"}}}";

    try (var parser = JSON.createParser(line)) {
      parser.nextToken();
      var images = new LinkedHashMap<String, Map<String, AttributeValue>>();
      for (var name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        parser.nextToken();
        images.put(name, DynamoDbJsonReader.readAttributes(parser));
      }

      assertEquals(
          Map.of(
              "Metadata", item("WriteTimestampMicros", n("1700000023456789")),
              "Keys", item("pk", s("b")),
              "NewImage", item("pk", s("b"), "v", n("2"))),
          images);
    }
  }

  @Test
  void unknownTypeIsNamed() {
    var error =
        assertThrows(
            IOException.class, () -> DynamoDbJsonReader.parseAttributes("{\"a\":{\"SX\":\"1\"}}"));

    assertTrue(error.getMessage().contains("Unknown attribute type SX"), error.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{\"a\":{\"S\":\"x\"}",
        "{\"a\":{\"S\":\"x\"}} {}",
        "{\"a\":\"x\"}",
        "{\"a\":null}",
        "{\"a\":{}}",
        "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}",
        "{\"a\":{\"S\":1}}",
        "{\"a\":{\"N\":1}}",
        "{\"a\":{\"B\":\"not base64!\"}}",
        "{\"a\":{\"BOOL\":\"true\"}}",
        "{\"a\":{\"NULL\":false}}",
        "{\"a\":{\"SS\":\"x\"}}",
        "{\"a\":{\"NS\":[1]}}",
        "{\"a\":{\"BS\":[\"AA==\",2]}}",
        "{\"a\":{\"M\":[]}}",
        "{\"a\":{\"L\":[\"x\"]}}",
        "{\"a\":{\"L\":[{\"S\":\"x\"}}}",
        "{\"a\":{\"s\":\"x\"}}",
      })
  void malformedInputIsAnIOException(String json) {
    assertThrows(IOException.class, () -> DynamoDbJsonReader.parseAttributes(json));
  }

  @Test
  void parserNotOnAnObjectIsRejected() throws IOException {
    try (var parser = JSON.createParser("{\"a\":{\"S\":\"x\"}}")) {
      assertThrows(IOException.class, () -> DynamoDbJsonReader.readAttributes(parser));
    }
  }
}
