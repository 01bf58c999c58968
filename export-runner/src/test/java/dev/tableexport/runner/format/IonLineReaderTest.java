package dev.tableexport.runner.format;

import static dev.tableexport.runner.format.AttributeValues.b;
import static dev.tableexport.runner.format.AttributeValues.bool;
import static dev.tableexport.runner.format.AttributeValues.item;
import static dev.tableexport.runner.format.AttributeValues.n;
import static dev.tableexport.runner.format.AttributeValues.ns;
import static dev.tableexport.runner.format.AttributeValues.nul;
import static dev.tableexport.runner.format.AttributeValues.s;
import static dev.tableexport.runner.format.AttributeValues.ss;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IonLineReaderTest {

  @Test
  void readsTheItemsTheEncoderWroteOneLineAtATime() throws IOException {
    var first = item("id", s("a"), "price", n("2000"), "tags", ss("x", "y"), "ok", bool(true));
    var second = item("id", s("b"), "blob", b(1, 2, 255), "ns", ns("1", "4.5"), "gone", nul());
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.ION.openEncoder(out)) {
      encoder.writeItem(first);
      encoder.writeItem(second);
    }

    var lines = IonLineReader.lines(new ByteArrayInputStream(out.toByteArray()));

    assertEquals(canonical(first), canonical(IonLineReader.item(lines.next())));
    assertEquals(canonical(second), canonical(IonLineReader.item(lines.next())));
    assertFalse(lines.hasNext());
  }

  @Test
  void readsAnIncrementalRecordWithItsImagesWhereThereAreAny() throws IOException {
    var text = "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456789},Keys:{id:\"a\"}}\n";

    var record = IonLineReader.record(
        IonLineReader.lines(new ByteArrayInputStream(text.getBytes(UTF_8))).next());

    assertEquals(1700000023456789L, record.writeTimestampMicros());
    assertEquals(Map.of("id", s("a")), record.keys());
    assertNull(record.oldImage());
    assertNull(record.newImage());
  }

  @Test
  void lineWithoutItsStructIsRefused() {
    var text = "$ion_1_0 {Keys:{id:\"a\"}}\n";
    var line = IonLineReader.lines(new ByteArrayInputStream(text.getBytes(UTF_8))).next();

    assertEquals("the line has no Item struct",
        assertThrows(IOException.class, () -> IonLineReader.item(line)).getMessage());
    assertEquals("the line has no Metadata struct",
        assertThrows(IOException.class, () -> IonLineReader.record(line)).getMessage());
  }

  private static String canonical(Map<String, ?> item) {
    return new java.util.TreeMap<>(item).toString();
  }
}
