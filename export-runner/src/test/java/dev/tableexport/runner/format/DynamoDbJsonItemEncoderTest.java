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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbJsonItemEncoderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @SafeVarargs
  private static byte[] encode(Map<String, AttributeValue>... items) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      for (var item : items) {
        encoder.writeItem(item);
      }
    }
    return out.toByteArray();
  }

  @SafeVarargs
  private static String encodeToString(Map<String, AttributeValue>... items) throws IOException {
    return new String(encode(items), UTF_8);
  }

  @Test
  void scalarTypes() throws IOException {
    var item =
        item(
            "S", s("x"),
            "N", n("12.5"),
            "B", b(0, 1, 2, 255),
            "F", bool(false),
            "T", bool(true),
            "Z", nul());

    assertEquals(
        "{\"Item\":{\"S\":{\"S\":\"x\"},\"N\":{\"N\":\"12.5\"},\"B\":{\"B\":\"AAEC/w==\"},"
            + "\"F\":{\"BOOL\":false},\"T\":{\"BOOL\":true},\"Z\":{\"NULL\":true}}}\n",
        encodeToString(item));
  }

  @Test
  void emptyStringAndEmptyBinary() throws IOException {
    var item = item("s", s(""), "b", b());

    assertEquals("{\"Item\":{\"s\":{\"S\":\"\"},\"b\":{\"B\":\"\"}}}\n", encodeToString(item));
  }

  @Test
  void sets() throws IOException {
    var item =
        item(
            "SS", ss("a", "b"),
            "NS", ns("1", "2.5", "-3"),
            "BS", bs(bytes(0xde, 0xad), bytes(0xbe, 0xef), bytes(0xfb, 0xff)));

    assertEquals(
        "{\"Item\":{\"SS\":{\"SS\":[\"a\",\"b\"]},\"NS\":{\"NS\":[\"1\",\"2.5\",\"-3\"]},"
            + "\"BS\":{\"BS\":[\"3q0=\",\"vu8=\",\"+/8=\"]}}}\n",
        encodeToString(item));
  }

  @Test
  void nestedMapsAndLists() throws IOException {
    var item =
        item(
            "m",
            m("inner", l(n("1"), s("two"), m("deep", l(nul(), bool(true)))), "empty", m()),
            "emptyList",
            l(),
            "lists",
            l(l(), l(l(s("x")))));

    assertEquals(
        "{\"Item\":{\"m\":{\"M\":{\"inner\":{\"L\":[{\"N\":\"1\"},{\"S\":\"two\"},"
            + "{\"M\":{\"deep\":{\"L\":[{\"NULL\":true},{\"BOOL\":true}]}}}]},"
            + "\"empty\":{\"M\":{}}}},\"emptyList\":{\"L\":[]},"
            + "\"lists\":{\"L\":[{\"L\":[]},{\"L\":[{\"L\":[{\"S\":\"x\"}]}]}]}}}\n",
        encodeToString(item));
  }

  @Test
  void numbersAreKeptVerbatimAsStrings() throws IOException {
    var item =
        item(
            "big", n("12345678901234567890123456789012345678"),
            "neg", n("-0.001"),
            "exp", n("1.5E+10"),
            "tiny", n("1E-130"),
            "max", n("9.9999999999999999999999999999999999999E+125"),
            "zero", n("0"));

    assertEquals(
        "{\"Item\":{\"big\":{\"N\":\"12345678901234567890123456789012345678\"},"
            + "\"neg\":{\"N\":\"-0.001\"},\"exp\":{\"N\":\"1.5E+10\"},\"tiny\":{\"N\":\"1E-130\"},"
            + "\"max\":{\"N\":\"9.9999999999999999999999999999999999999E+125\"},"
            + "\"zero\":{\"N\":\"0\"}}}\n",
        encodeToString(item));
  }

  @Test
  void bmpCharactersAreWrittenAsRawUtf8() throws IOException {
    var item = item("s", s("café 中文 ñ"));

    var bytes = encode(item);

    assertEquals("{\"Item\":{\"s\":{\"S\":\"café 中文 ñ\"}}}\n", new String(bytes, UTF_8));
    assertTrue(indexOf(bytes, new byte[] {(byte) 0xe4, (byte) 0xb8, (byte) 0xad}) > 0, "中 raw");
  }

  // Jackson 2's default writes a character outside the BMP as an escaped surrogate pair: valid
  // JSON that every reader decodes to the same string. DynamoDB's own byte form is unconfirmed.
  @Test
  void supplementaryCharactersAreWrittenAsEscapedSurrogatePairs() throws IOException {
    var item = item("emoji😀", s("a😀b"), "ss", ss("\uD834\uDD1E"));

    var output = encodeToString(item);

    assertEquals(
        "{\"Item\":{\"emoji\\uD83D\\uDE00\":{\"S\":\"a\\uD83D\\uDE00b\"},"
            + "\"ss\":{\"SS\":[\"\\uD834\\uDD1E\"]}}}\n",
        output);
    assertEquals(item, decodeLine(output.strip()));
  }

  @Test
  void controlCharactersQuotesAndBackslashesAreEscaped() throws IOException {
    var item = item("s", s("q\" b\\ t\t n\n r\r nul\u0000 bell\u0007 us\u001f bs\b ff\f /"));

    assertEquals(
        "{\"Item\":{\"s\":{\"S\":\"q\\\" b\\\\ t\\t n\\n r\\r nul\\u0000 bell\\u0007 us\\u001F"
            + " bs\\b ff\\f /\"}}}\n",
        encodeToString(item));
  }

  @Test
  void attributeNamesAreEscaped() throws IOException {
    var item =
        item(
            "with \"quotes\"", n("1"),
            "back\\slash", n("2"),
            "tab\tname", n("3"),
            "ünï", n("4"),
            "my-attr.x", n("5"));

    assertEquals(
        "{\"Item\":{\"with \\\"quotes\\\"\":{\"N\":\"1\"},\"back\\\\slash\":{\"N\":\"2\"},"
            + "\"tab\\tname\":{\"N\":\"3\"},\"ünï\":{\"N\":\"4\"},\"my-attr.x\":{\"N\":\"5\"}}}\n",
        encodeToString(item));
  }

  @Test
  void severalItemsAreSeveralLinesEachEndingInNewline() throws IOException {
    var output =
        encodeToString(item("pk", s("a")), item("pk", s("b"), "n", n("2")), item("pk", s("c")));

    assertEquals(
        "{\"Item\":{\"pk\":{\"S\":\"a\"}}}\n"
            + "{\"Item\":{\"pk\":{\"S\":\"b\"},\"n\":{\"N\":\"2\"}}}\n"
            + "{\"Item\":{\"pk\":{\"S\":\"c\"}}}\n",
        output);
  }

  @Test
  void noItemsWritesNothing() throws IOException {
    assertArrayEquals(new byte[0], encode());
  }

  @Test
  void emptyItem() throws IOException {
    assertEquals("{\"Item\":{}}\n", encodeToString(item()));
  }

  @Test
  void closeLeavesTheStreamOpen() throws IOException {
    var out = new CloseRecordingStream();
    var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out);
    encoder.writeItem(item("pk", s("a")));
    encoder.close();

    assertFalse(out.closed);
    assertEquals("{\"Item\":{\"pk\":{\"S\":\"a\"}}}\n", out.toString(UTF_8));
  }

  @Test
  void itemOfAbout400KbRoundTrips() throws IOException {
    var text = new StringBuilder();
    for (int i = 0; text.length() < 399_000; i++) {
      text.append((char) ('a' + i % 26));
      if (i % 1000 == 0) {
        text.append("é\"\\\n中");
      }
    }
    var value = text.substring(0, 399_000);
    var item = item("pk", s("big"), "payload", s(value));

    var output = encodeToString(item);

    assertTrue(output.endsWith("}}}\n"));
    assertEquals(1, output.split("\n", -1).length - 1, "exactly one line");
    var parsed = JSON.readTree(output);
    assertEquals(value, parsed.path("Item").path("payload").path("S").asText());
    assertEquals(item, decodeLine(output.strip()));
  }

  @Test
  void independentDecoderReadsBackEveryType() throws IOException {
    var item =
        item(
            "pk", s("order#1"),
            "n", n("-12.5E+3"),
            "b", b(0, 0xff, 0x80),
            "ss", ss("x", "y ü"),
            "ns", ns("1", "1E-130"),
            "bs", bs(bytes(1), bytes(2, 3)),
            "m", m("a", l(nul(), bool(false), m()), "b", l()),
            "t", bool(true),
            "z", nul());
    var other = item("pk", s("order#2"));

    var lines = encodeToString(item, other).split("\n");

    assertEquals(2, lines.length);
    assertEquals(item, decodeLine(lines[0]));
    assertEquals(other, decodeLine(lines[1]));
  }

  /** A decoder written for this test: Jackson's tree, mapped by hand to SDK attribute values. */
  private static Map<String, AttributeValue> decodeLine(String line) throws IOException {
    var root = JSON.readTree(line);
    assertEquals(1, root.size(), "a line holds only Item");
    return decodeMap(root.get("Item"));
  }

  private static Map<String, AttributeValue> decodeMap(JsonNode node) {
    var map = new LinkedHashMap<String, AttributeValue>();
    node.properties().forEach(field -> map.put(field.getKey(), decodeValue(field.getValue())));
    return map;
  }

  private static AttributeValue decodeValue(JsonNode node) {
    assertEquals(1, node.size(), "one type key per value: " + node);
    var type = node.fieldNames().next();
    var value = node.get(type);
    return switch (type) {
      case "S" -> AttributeValue.fromS(value.textValue());
      case "N" -> AttributeValue.fromN(value.textValue());
      case "B" -> AttributeValue.fromB(binary(value));
      case "BOOL" -> AttributeValue.fromBool(value.booleanValue());
      case "NULL" -> {
        assertTrue(value.isBoolean() && value.booleanValue());
        yield AttributeValue.fromNul(true);
      }
      case "SS" -> AttributeValue.fromSs(strings(value));
      case "NS" -> AttributeValue.fromNs(strings(value));
      case "BS" -> {
        var list = new ArrayList<SdkBytes>();
        value.forEach(element -> list.add(binary(element)));
        yield AttributeValue.fromBs(list);
      }
      case "M" -> AttributeValue.fromM(decodeMap(value));
      case "L" -> {
        var list = new ArrayList<AttributeValue>();
        value.forEach(element -> list.add(decodeValue(element)));
        yield AttributeValue.fromL(list);
      }
      default -> throw new AssertionError("unknown type " + type);
    };
  }

  private static SdkBytes binary(JsonNode node) {
    assertTrue(node.isTextual(), "binary is a base64 string");
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.textValue()));
  }

  private static ArrayList<String> strings(JsonNode array) {
    var list = new ArrayList<String>();
    array.forEach(
        element -> {
          assertTrue(element.isTextual(), "set elements are strings: " + element);
          list.add(element.textValue());
        });
    return list;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static final class CloseRecordingStream extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
