package dev.tableexport.runner.pitr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.IncrementalRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ChangeLogTest {

  private static final AttributeValue NESTED =
      fromM(Map.of("inner", fromM(Map.of("n", fromN("0"))), "l", fromL(List.of(fromNul(true)))));

  private static final Map<String, AttributeValue> EVERY_TYPE =
      Map.ofEntries(
          Map.entry("pk", fromS("order#1")),
          Map.entry("sk", fromN("1.50")),
          Map.entry("text", fromS("naïve 😀 \"quoted\"\n")),
          Map.entry("count", fromN("-12345678901234567890.5")),
          Map.entry("blob", fromB(bytes(0, 1, 0xff))),
          Map.entry("empty", fromB(bytes())),
          Map.entry("yes", fromBool(true)),
          Map.entry("no", fromBool(false)),
          Map.entry("nothing", fromNul(true)),
          Map.entry("tags", fromSs(List.of("a", "b"))),
          Map.entry("sizes", fromNs(List.of("1", "2.5"))),
          Map.entry("blobs", fromBs(List.of(bytes(1), bytes(2, 3)))),
          Map.entry("list", fromL(List.of(fromS("x"), fromL(List.of()), fromM(Map.of())))),
          Map.entry("map", NESTED));

  private static final String TIME = "\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1\"}}";
  private static final String KEYS = "\"Keys\":{\"pk\":{\"S\":\"a\"}}";

  private static SdkBytes bytes(int... values) {
    var bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return SdkBytes.fromByteArray(bytes);
  }

  private static List<byte[]> lines(byte[] segment) {
    var lines = new ArrayList<byte[]>();
    try (var data = new GZIPInputStream(new ByteArrayInputStream(segment))) {
      ChangeLog.forEachLine(data, lines::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static byte[] itemLine(Map<String, AttributeValue> item) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      encoder.writeItem(item);
    }
    return out.toByteArray();
  }

  @Test
  void aSegmentReadsBackAsItsRecords() {
    var keys = Map.of("pk", fromS("order#1"), "sk", fromN("1.50"));
    var records =
        List.of(
            new IncrementalRecord(1_700_000_000_000_001L, keys, null, EVERY_TYPE),
            new IncrementalRecord(
                1_700_000_000_000_002L,
                keys,
                EVERY_TYPE,
                Map.of("pk", fromS("order#1"), "sk", fromN("1.50"))),
            new IncrementalRecord(
                1_700_000_000_000_003L, keys, Map.of("pk", fromS("order#1")), null),
            new IncrementalRecord(0, Map.of("pk", fromB(bytes(9))), null, null),
            new IncrementalRecord(
                Long.MAX_VALUE, Map.of("pk", fromN("-0.001")), Map.of(), Map.of()));

    var read = lines(ChangeLog.segment(records)).stream().map(ChangeLog::parseRecord).toList();

    assertEquals(records, read);
  }

  @Test
  void aSegmentIsGzippedDynamoDbJsonLines() throws IOException {
    var record =
        new IncrementalRecord(42, Map.of("pk", fromS("a")), null, Map.of("pk", fromS("a")));

    var segment = ChangeLog.segment(List.of(record, record));

    assertEquals(0x1f, segment[0]);
    assertEquals(0x8b, segment[1] & 0xff);
    var text =
        new String(new GZIPInputStream(new ByteArrayInputStream(segment)).readAllBytes(), UTF_8);
    var line =
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"42\"}},\"Keys\":{\"pk\":{\"S\":\"a\"}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"a\"}}}\n";
    assertEquals(line + line, text);
  }

  @Test
  void anEmptySegmentHasNoLines() {
    assertEquals(0, lines(ChangeLog.segment(List.of())).size());
  }

  @Test
  void forEachLineSkipsEmptyLinesAndKeepsUtf8() throws IOException {
    var data = "{\"a\":1}\n\n{\"b\":\"é😀\"}\r\n\n".getBytes(UTF_8);
    var lines = new ArrayList<String>();

    ChangeLog.forEachLine(
        new ByteArrayInputStream(data), line -> lines.add(new String(line, UTF_8)));

    assertEquals(List.of("{\"a\":1}", "{\"b\":\"é😀\"}"), lines);
  }

  @Test
  void parseItemReadsAnItemLine() throws IOException {
    assertEquals(EVERY_TYPE, ChangeLog.parseItem(itemLine(EVERY_TYPE)));
    assertEquals(Map.of(), ChangeLog.parseItem(itemLine(Map.of())));
  }

  @Test
  void parseItemReadsEveryLineOfASnapshotFile() throws IOException {
    var first = Map.of("pk", fromS("a"));
    var second = Map.of("pk", fromS("b"), "n", fromN("2"));
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      encoder.writeItem(first);
      encoder.writeItem(second);
    }
    var items = new ArrayList<Map<String, AttributeValue>>();

    ChangeLog.forEachLine(
        new ByteArrayInputStream(out.toByteArray()), line -> items.add(ChangeLog.parseItem(line)));

    assertEquals(List.of(first, second), items);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "\"text\"",
        "{" + TIME + "," + KEYS,
        "{" + TIME + ",\"Keys\":{\"pk\":{\"X\":\"a\"}}}",
        "{" + TIME + ",\"Keys\":{\"pk\":\"a\"}}",
        "{" + TIME + ",\"Keys\":[]}",
        "{" + TIME + "}",
        "{\"Metadata\":{}," + KEYS + "}",
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"soon\"}}," + KEYS + "}",
        "{\"Metadata\":{\"WriteTimestampMicros\":{\"S\":\"1\"}}," + KEYS + "}",
        "{" + KEYS + "}",
        "{" + TIME + "," + KEYS + "}{" + TIME + "," + KEYS + "}",
        "{" + TIME + "," + KEYS + "} trailing"
      })
  void aMalformedRecordLineIsAnUncheckedIOException(String line) {
    var thrown =
        assertThrows(UncheckedIOException.class, () -> ChangeLog.parseRecord(line.getBytes(UTF_8)));

    assertTrue(
        thrown.getMessage().startsWith("A change record cannot be read: "), thrown.getMessage());
    assertFalse(thrown.getMessage().endsWith(": "), thrown.getMessage());
  }

  @Test
  void aRecordWithoutKeysOrTimeSaysWhatIsMissing() {
    var noKeys = "{" + TIME + "}";
    var noTime = "{\"Metadata\":{}," + KEYS + "}";

    var missingKeys =
        assertThrows(
            UncheckedIOException.class, () -> ChangeLog.parseRecord(noKeys.getBytes(UTF_8)));
    var missingTime =
        assertThrows(
            UncheckedIOException.class, () -> ChangeLog.parseRecord(noTime.getBytes(UTF_8)));

    assertTrue(missingKeys.getMessage().contains("Keys"), missingKeys.getMessage());
    assertTrue(missingTime.getMessage().contains("WriteTimestampMicros"), missingTime.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{}",
        "{\"Item\":\"a\"}",
        "{\"Item\":{\"pk\":{\"S\":1}}}",
        "{\"Item\":{\"pk\":{\"S\":\"a\"}}",
        "{\"Item\":{\"pk\":{\"S\":\"a\"}},\"Other\":{}}",
        "{\"Keys\":{\"pk\":{\"S\":\"a\"}}}",
        "{\"Item\":{\"pk\":{\"S\":\"a\"}}}{\"Item\":{\"pk\":{\"S\":\"b\"}}}"
      })
  void aMalformedItemLineIsAnUncheckedIOException(String line) {
    var thrown =
        assertThrows(UncheckedIOException.class, () -> ChangeLog.parseItem(line.getBytes(UTF_8)));

    assertTrue(
        thrown.getMessage().startsWith("A snapshot item cannot be read: "), thrown.getMessage());
    assertFalse(thrown.getMessage().endsWith(": "), thrown.getMessage());
  }
}
