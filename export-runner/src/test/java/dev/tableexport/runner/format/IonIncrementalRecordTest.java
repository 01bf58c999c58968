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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.system.IonSystemBuilder;
import dev.tableexport.runner.testing.IonItemDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IonIncrementalRecordTest {

  private static final IonSystem ION = IonSystemBuilder.standard().build();
  private static final long MICROS = 1_700_000_023_456_789L;

  private static String encode(IncrementalRecord... records) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.ION.openEncoder(out)) {
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
        "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456789.},Keys:{pk:\"b\"},"
            + "OldImage:{pk:\"b\",v:1.},NewImage:{pk:\"b\",v:2.,tags:$dynamodb_SS::[\"x\"]}}\n",
        encode(record));
  }

  @Test
  void insertHasNoOldImage() throws IOException {
    var record =
        new IncrementalRecord(
            MICROS, item("pk", s("b"), "sk", n("7")), null, item("pk", s("b"), "sk", n("7")));

    assertEquals(
        "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456789.},Keys:{pk:\"b\",sk:7.},"
            + "NewImage:{pk:\"b\",sk:7.}}\n",
        encode(record));
  }

  @Test
  void deleteHasNoNewImage() throws IOException {
    var record =
        new IncrementalRecord(MICROS, item("pk", b(1, 2)), item("pk", b(1, 2), "z", nul()), null);

    assertEquals(
        "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456789.},Keys:{pk:{{AQI=}}},"
            + "OldImage:{pk:{{AQI=}},z:null}}\n",
        encode(record));
  }

  @Test
  void newImageViewDeletionIsKeysOnly() throws IOException {
    var record = new IncrementalRecord(MICROS, item("pk", s("gone")), null, null);

    assertEquals(
        "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456789.},Keys:{pk:\"gone\"}}\n",
        encode(record));
  }

  @Test
  void timestampTrailingZerosGoToTheExponentLikeEveryNumber() throws IOException {
    var record = new IncrementalRecord(1_700_000_000_000_000L, item("pk", s("a")), null, null);

    assertEquals(
        "$ion_1_0 {Metadata:{WriteTimestampMicros:17d14},Keys:{pk:\"a\"}}\n", encode(record));
  }

  @Test
  void recordsAndItemsMixInOneFile() throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.ION.openEncoder(out)) {
      encoder.writeItem(item("pk", s("a")));
      encoder.writeIncrementalRecord(
          new IncrementalRecord(MICROS, item("pk", s("b")), null, item("pk", s("b"))));
      encoder.writeItem(item("pk", s("c"), "m", m("l", l(bool(true)))));
      encoder.writeIncrementalRecord(
          new IncrementalRecord(MICROS + 2, item("pk", s("d")), null, null));
    }

    assertEquals(
        "$ion_1_0 {Item:{pk:\"a\"}}\n"
            + "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456789.},Keys:{pk:\"b\"},"
            + "NewImage:{pk:\"b\"}}\n"
            + "$ion_1_0 {Item:{pk:\"c\",m:{l:[true]}}}\n"
            + "$ion_1_0 {Metadata:{WriteTimestampMicros:1700000023456791.},Keys:{pk:\"d\"}}\n",
        out.toString(UTF_8));
  }

  @Test
  void ionLoaderReadsTheRecordsBack() throws IOException {
    var modify =
        new IncrementalRecord(
            MICROS,
            item("pk", s("k 😀"), "sk", n("-1.5")),
            item("pk", s("k 😀"), "sk", n("-1.5"), "m", m("a", l(nul(), b(0xff)))),
            item(
                "pk", s("k 😀"),
                "sk", n("-1.5"),
                "ns", ns("1", "2.5"),
                "bs", bs(bytes(1), bytes(2, 3)),
                "it's", bool(false)));
    var insert =
        new IncrementalRecord(MICROS + 5, item("pk", s("new")), null, item("pk", s("new")));
    var delete = new IncrementalRecord(MICROS + 9, item("pk", s("old")), null, null);

    var datagram = ION.getLoader().load(encode(modify, insert, delete));

    var decoded = new ArrayList<IncrementalRecord>();
    for (var value : datagram) {
      decoded.add(decode(assertInstanceOf(IonStruct.class, value)));
    }
    assertEquals(List.of(modify, insert, delete), decoded);
  }

  private static IncrementalRecord decode(IonStruct line) {
    var metadata = assertInstanceOf(IonStruct.class, line.get("Metadata"));
    assertEquals(1, metadata.size());
    var micros = assertInstanceOf(IonDecimal.class, metadata.get("WriteTimestampMicros"));
    return new IncrementalRecord(
        micros.bigDecimalValue().toBigIntegerExact().longValueExact(),
        IonItemDecoder.decodeAttributes((IonStruct) line.get("Keys")),
        image(line, "OldImage"),
        image(line, "NewImage"));
  }

  private static Map<String, AttributeValue> image(IonStruct line, String name) {
    var image = line.get(name);
    return image == null ? null : IonItemDecoder.decodeAttributes((IonStruct) image);
  }
}
