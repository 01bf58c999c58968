package dev.tableexport.runner.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which items a line is copied for, byte for byte, and which go to the parse-and-write path
 * instead (WireItemEncodingTest holds both paths to the SDK values' output).
 */
class WireJsonLineTest {

  @Test
  void itemsAsTheGeneratorWouldWriteThemAreCopied() throws IOException {
    var compact = "{\"pk\":{\"S\":\"Zoë \\\"Ob\\\" \\u001F\\n 李\"},\"n\":{\"N\":\"-1.50E+3\"},"
        + "\"b\":{\"B\":\"AAE=\"},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\"]},"
        + "\"bs\":{\"BS\":[\"AAEC\",\"\"]},\"m\":{\"M\":{\"t\":{\"BOOL\":true},"
        + "\"z\":{\"NULL\":true}}},\"l\":{\"L\":[{\"L\":[]},{\"BOOL\":false},{\"M\":{}}]}}";
    assertCopied(compact, compact);
    assertCopied("{}", "{}");
    var escapedPair = "{\"\\uD83D\\uDE00\":{\"S\":\"a\\uD834\\uDD1E\"}}";
    assertCopied(escapedPair, escapedPair);
  }

  @Test
  void itemsTheGeneratorWouldSpellOtherwiseAreNotCopied() throws IOException {
    for (var json : List.of("{ \"a\":{\"S\":\"x\"}}", "{\"a\":{\"L\":[ ]}}",
        "{\"a\":{\"S\":\"\\u00e9\"}}", "{\"a\":{\"S\":\"\\/\"}}", "{\"a\":{\"S\":\"\\u001f\"}}",
        "{\"a\":{\"S\":\"\\u000A\"}}", "{\"\\u0061\":{\"S\":\"x\"}}", "{\"a\":{\"\\u0053\":\"x\"}}",
        "{\"a\":{\"B\":\"AB==\"}}", "{\"a\":{\"B\":\"AA\"}}", "{\"a\":{\"B\":\"A-E=\"}}",
        "{\"a\":{\"N\":\"\\u0031\"}}", "{\"a\":{\"N\":1}}", "{\"a\":{\"S\":\"\u0001\"}}",
        "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}", "{\"a\":{}}", "{\"a\":{\"X\":\"1\"}}",
        "{\"a\":{\"NULL\":false}}", "{\"a\":{\"S\":\"x\"},}", "{\"a\":{\"S\":\"x\"}} x",
        "{\"a\":{\"S\":\"\\ud83d\\ude00\"}}", "{\"a\":{\"S\":\"\\uD83D\"}}",
        "{\"a\":{\"S\":\"\\uD83Dx\\uDE00\"}}", "{\"a\":{\"S\":\"\\uDE00\\uD83D\"}}",
        "{\"a\":{\"S\":\"😀\"}}", "{\"😀\":{\"S\":\"x\"}}")) {
      var bytes = json.getBytes(UTF_8);
      assertFalse(new WireJsonLine().make(new WireItem(bytes, 0, bytes.length)), json);
    }
    byte[] overlong = {'{', '"', 'a', '"', ':', '{', '"', 'S', '"', ':', '"', (byte) 0xc0,
        (byte) 0x80, '"', '}', '}'};
    assertFalse(new WireJsonLine().make(new WireItem(overlong, 0, overlong.length)));
  }

  private static void assertCopied(String json, String item) throws IOException {
    var bytes = json.getBytes(UTF_8);
    var line = new WireJsonLine();
    assertTrue(line.make(new WireItem(bytes, 0, bytes.length)), json);
    var out = new ByteArrayOutputStream();
    line.writeTo(out);
    assertEquals("{\"Item\":" + item + "}\n", out.toString(UTF_8));
    var sdkValues = DynamoDbJsonReader.parseAttributes(json);
    assertEquals(ItemSize.of(sdkValues), line.size(), json);
  }
}
