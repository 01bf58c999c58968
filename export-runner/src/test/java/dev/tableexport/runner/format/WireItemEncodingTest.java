package dev.tableexport.runner.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items read straight from a Scan response's JSON are written byte for byte as the same items held
 * as SDK values, in both formats, and are sized alike, whatever the JSON's escapes and spacing.
 */
class WireItemEncodingTest {

  private static final String[] NUMBERS = {
    "0", "-0", "0.000", "+7", "-.5", "5.", "100", "1E+3", "1e-130", "-1.5E-7", "00012300",
    "0.0012300", "12345678901234567890123456789012345678",
    "-99999999999999999999999999999999999999",
    "9.9999999999999999999999999999999999999E+125", "123456789012345678", "1234567890123456789",
    "52.5200", "-13.4050", "6E+2", "2000", "0.000001", "0.0000001", "1.23E-5", "5E-3"
  };
  private static final String[] STRINGS = {
    "", "plain", "Zoë Saldaña", "李雷", "😀 Emoji", "quote \" backslash \\ slash /",
    "controls \n\t\r\b\f \u0000 \u001f \u007f", "line sep \u2028 para \u2029", "\uD83D\uDE00 pair",
    "é", "Ｍｉｋｕ"
  };

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void wireItemsEncodeAsTheirSdkValues(ExportFormat format) throws IOException {
    var random = new Random(11);
    var items = new ArrayList<Map<String, AttributeValue>>();
    for (int i = 0; i < 300; i++) {
      items.add(randomItem(random));
    }
    items.add(Map.of());
    for (var spelling : Spelling.values()) {
      var wire = items.stream().map(item -> spelling.wireJson(item)).toList();
      var sdkValues = new ArrayList<Map<String, AttributeValue>>();
      for (var json : wire) {
        sdkValues.add(DynamoDbJsonReader.parseAttributes(new String(json, UTF_8)));
      }

      var expected = new ByteArrayOutputStream();
      var actual = new ByteArrayOutputStream();
      var sizes = new ArrayList<Long>();
      try (var fromSdk = format.openEncoder(expected);
          var fromWire = format.openEncoder(actual)) {
        for (int i = 0; i < wire.size(); i++) {
          fromSdk.writeItem(sdkValues.get(i));
          sizes.add(fromWire.writeItem(new WireItem(wire.get(i), 0, wire.get(i).length)));
        }
      }

      assertEquals(expected.toString(UTF_8), actual.toString(UTF_8), spelling.name());
      assertEquals(sdkValues.stream().map(ItemSize::of).toList(), sizes, spelling.name());
    }
  }

  @Test
  void anItemInsideALargerBufferIsReadFromItsSliceOnly() throws IOException {
    var json = "[{\"a\":{\"S\":\"x\"}},{\"b\":{\"N\":\"1\"}}]".getBytes(UTF_8);
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      assertEquals(1 + 2, encoder.writeItem(new WireItem(json, 17, 15)));
    }
    assertEquals("{\"Item\":{\"b\":{\"N\":\"1\"}}}\n", out.toString(UTF_8));
  }

  @Test
  void malformedValuesAreRefused() throws IOException {
    for (var json : List.of("{\"a\":{\"N\":\"1.2.3\"}}", "{\"a\":{\"X\":\"1\"}}",
        "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}", "{\"a\":{\"NULL\":false}}", "{\"a\":{\"N\":\"\"}}",
        "{\"a\":{\"N\":\"1e\"}}", "{\"a\":{}}")) {
      var bytes = json.getBytes(UTF_8);
      try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(new ByteArrayOutputStream())) {
        assertThrows(
            IOException.class, () -> encoder.writeItem(new WireItem(bytes, 0, bytes.length)), json);
      }
    }
  }

  /** Ways a server may spell the same JSON. */
  private enum Spelling {
    COMPACT(new JsonFactory(), false),
    NON_ASCII_ESCAPED(
        new JsonFactoryBuilder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build(), false),
    /** Characters outside the BMP as four bytes of UTF-8, as a store may send them. */
    OUTSIDE_BMP_AS_UTF8(new JsonFactoryBuilder()
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build(), false),
    PRETTY(new JsonFactory(), true);

    private final JsonFactory json;
    private final boolean pretty;

    Spelling(JsonFactory json, boolean pretty) {
      this.json = json;
      this.pretty = pretty;
    }

    byte[] wireJson(Map<String, AttributeValue> item) {
      var out = new ByteArrayOutputStream();
      try (var generator = json.createGenerator(out)) {
        if (pretty) {
          generator.useDefaultPrettyPrinter();
        }
        writeAttributes(generator, item);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return out.toByteArray();
    }
  }

  /** The wire JSON, written independently of the encoders under test. */
  private static void writeAttributes(JsonGenerator json, Map<String, AttributeValue> item)
      throws IOException {
    json.writeStartObject();
    for (var attribute : item.entrySet()) {
      json.writeFieldName(attribute.getKey());
      writeValue(json, attribute.getValue());
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, AttributeValue value) throws IOException {
    json.writeStartObject();
    switch (value.type()) {
      case S -> json.writeStringField("S", value.s());
      case N -> json.writeStringField("N", value.n());
      case B -> json.writeBinaryField("B", value.b().asByteArray());
      case BOOL -> json.writeBooleanField("BOOL", value.bool());
      case NUL -> json.writeBooleanField("NULL", true);
      case SS -> json.writeFieldName("SS");
      case NS -> json.writeFieldName("NS");
      case BS -> json.writeFieldName("BS");
      case M -> {
        json.writeFieldName("M");
        writeAttributes(json, value.m());
      }
      case L -> {
        json.writeArrayFieldStart("L");
        for (var element : value.l()) {
          writeValue(json, element);
        }
        json.writeEndArray();
      }
      default -> throw new AssertionError(value);
    }
    switch (value.type()) {
      case SS -> json.writeArray(value.ss().toArray(String[]::new), 0, value.ss().size());
      case NS -> json.writeArray(value.ns().toArray(String[]::new), 0, value.ns().size());
      case BS -> {
        json.writeStartArray();
        for (var bytes : value.bs()) {
          json.writeBinary(bytes.asByteArray());
        }
        json.writeEndArray();
      }
      default -> {}
    }
    json.writeEndObject();
  }

  private static Map<String, AttributeValue> randomItem(Random random) {
    var item = new LinkedHashMap<String, AttributeValue>();
    int attributes = random.nextInt(12);
    for (int i = 0; i < attributes; i++) {
      item.put(name(random, i), value(random, 0));
    }
    return item;
  }

  private static String name(Random random, int i) {
    return random.nextInt(4) == 0 ? STRINGS[random.nextInt(STRINGS.length)] + i : "a" + i;
  }

  private static AttributeValue value(Random random, int depth) {
    int kinds = depth < 3 ? 11 : 9;
    return switch (random.nextInt(kinds)) {
      case 0 -> AttributeValue.fromS(STRINGS[random.nextInt(STRINGS.length)]);
      case 1 -> AttributeValue.fromN(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 2 -> AttributeValue.fromB(SdkBytes.fromByteArray(bytes(random)));
      case 3 -> AttributeValue.fromBool(random.nextBoolean());
      case 4 -> AttributeValue.fromNul(true);
      case 5 -> AttributeValue.fromSs(some(random, () -> STRINGS[random.nextInt(STRINGS.length)]));
      case 6 -> AttributeValue.fromNs(some(random, () -> NUMBERS[random.nextInt(NUMBERS.length)]));
      case 7 -> AttributeValue.fromBs(some(random, () -> SdkBytes.fromByteArray(bytes(random))));
      case 8 -> AttributeValue.fromS("id-" + random.nextInt(1000));
      case 9 -> {
        var map = new LinkedHashMap<String, AttributeValue>();
        int members = random.nextInt(4);
        for (int i = 0; i < members; i++) {
          map.put(name(random, i), value(random, depth + 1));
        }
        yield AttributeValue.fromM(map);
      }
      default -> AttributeValue.fromL(some(random, () -> value(random, depth + 1)));
    };
  }

  private static <T> List<T> some(Random random, java.util.function.Supplier<T> element) {
    var elements = new ArrayList<T>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      elements.add(element.get());
    }
    return elements;
  }

  private static byte[] bytes(Random random) {
    var bytes = new byte[random.nextInt(5) == 0 ? 0 : random.nextInt(70)];
    random.nextBytes(bytes);
    return bytes;
  }
}
