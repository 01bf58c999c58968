package dev.tableexport.runner.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.local.SampleTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which items the ION line is written for, and that it is then byte for byte what ion-java's
 * writer writes for the same values (WireItemEncodingTest holds both paths to the SDK values'
 * output over random items); the others go to the parse-and-write path.
 */
class WireIonLineTest {

  @Test
  void itemsOfEveryTypeAreWrittenAsIonsWriterWritesThem() throws IOException {
    assertWritten("{\"pk\":{\"S\":\"Zoë \\\"Ob\\\" 'q' \\u001F\\u0000\\u0007\\u000b\\n\\/ 😀"
        + " \\uD83D\\ude00 \u007f \u0085 \u00a0 \u2028\"},"
        + "\"n\":{\"N\":\"-1.50E+3\"},\"z\":{\"N\":\"-0.0\"},\"d\":{\"N\":\"0.000123\"},"
        + "\"e\":{\"N\":\"1.5E-9\"},\"w\":{\"N\":\"12.5\"},\"i\":{\"N\":\"7\"},"
        + "\"big\":{\"N\":\"12345678901234567890123456789012345678\"},"
        + "\"b\":{\"B\":\"AAE=\"},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2E+2\"]},"
        + "\"bs\":{\"BS\":[\"AAEC\",\"\"]},\"m\":{\"M\":{\"t\":{\"BOOL\":true},"
        + "\"z\":{\"NULL\":true}}},\"l\":{\"L\":[{\"L\":[]},{\"BOOL\":false},{\"M\":{}}]}}");
    assertWritten("{\"a-b\":{\"S\":\"x\"},\"true\":{\"S\":\"x\"},\"$12\":{\"S\":\"x\"},"
        + "\"$x\":{\"S\":\"x\"},\"_1\":{\"S\":\"x\"},\"1a\":{\"S\":\"x\"},\"it's\":{\"S\":\"x\"},"
        + "\"名\":{\"S\":\"x\"},\"\u0085\":{\"S\":\"x\"}}");
    assertWritten(" { \"a\" :\n{ \"S\" : \"x\" } ,\t\"b\": {\"L\": [ ] } } ");
    assertWritten("{}");
  }

  @Test
  void theBenchsSampleItemsAreWrittenByTheLine() throws IOException {
    for (int i = 0; i < 40; i++) {
      var line = new ByteArrayOutputStream();
      try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(line)) {
        encoder.writeItem(SampleTable.item(i));
      }
      var bytes = line.toByteArray();
      var json = new String(Arrays.copyOfRange(bytes, 8, bytes.length - 2), UTF_8);
      assertWritten(json);
    }
  }

  @Test
  void itemsTheLineCannotWriteAsTheWriterDoesAreLeftToIt() throws IOException {
    for (var json : List.of(
        "{\"\\u0061\":{\"S\":\"x\"}}", "{\"a\\\"b\":{\"S\":\"x\"}}",
        "{\"\":{\"S\":\"x\"}}", "{\"a\":{\"S\":\"\\ud83d\"}}",
        "{\"a\":{\"S\":\"\\ude00\"}}", "{\"a\":{\"S\":\"\\x\"}}", "{\"a\":{\"\\u0053\":\"x\"}}",
        "{\"a\":{\"B\":\"AB==\"}}", "{\"a\":{\"B\":\"AA\"}}", "{\"a\":{\"N\":1}}",
        "{\"a\":{\"S\":\"\u0001\"}}", "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}", "{\"a\":{}}",
        "{\"a\":{\"X\":\"1\"}}", "{\"a\":{\"NULL\":false}}", "{\"a\":{\"S\":\"x\"},}",
        "{\"a\":{\"S\":\"x\"}} x")) {
      var bytes = json.getBytes(UTF_8);
      assertFalse(new WireIonLine().make(new WireItem(bytes, 0, bytes.length)), json);
    }
  }

  private static void assertWritten(String json) throws IOException {
    var bytes = json.getBytes(UTF_8);
    var line = new WireIonLine();
    assertTrue(line.make(new WireItem(bytes, 0, bytes.length)), json);
    var actual = new ByteArrayOutputStream();
    line.writeTo(actual);
    var sdkValues = DynamoDbJsonReader.parseAttributes(json);
    var expected = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.ION.openEncoder(expected)) {
      encoder.writeItem(sdkValues);
    }
    assertEquals(expected.toString(UTF_8), actual.toString(UTF_8), json);
    assertEquals(ItemSize.of(sdkValues), line.size(), json);
  }
}
