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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.ion.IonBlob;
import com.amazon.ion.IonBool;
import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonList;
import com.amazon.ion.IonString;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonType;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IonItemEncoderTest {

  private static final IonSystem ION = IonSystemBuilder.standard().build();

  @SafeVarargs
  private static String encode(Map<String, AttributeValue>... items) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.ION.openEncoder(out)) {
      for (var item : items) {
        encoder.writeItem(item);
      }
    }
    return out.toString(UTF_8);
  }

  @Test
  void exampleOfTheFormatDocument() throws IOException {
    var item =
        item(
            "Authors", ss("A1", "A2"),
            "Id", n("103"),
            "Price", n("2000"),
            "InPublication", bool(false),
            "Title", s("T"));

    assertEquals(
        "$ion_1_0 {Item:{Authors:$dynamodb_SS::[\"A1\",\"A2\"],Id:103.,Price:2d3,"
            + "InPublication:false,Title:\"T\"}}\n",
        encode(item));
  }

  @Test
  void numbersAreDecimalsWithTrailingZerosInTheExponent() throws IOException {
    var item =
        item(
            "a", n("103"),
            "b", n("12.5"),
            "c", n("-7"),
            "d", n("6E+2"),
            "e", n("600"),
            "f", n("1E-130"),
            "g", n("12345678901234567890123456789012345678"),
            "h", n("0"),
            "i", n("-0.001"),
            "j", n("1.5E+10"),
            "k", n("9.9999999999999999999999999999999999999E+125"),
            "l", n("12345678901234567890123456789012345670"),
            "o", n("100.5"));

    assertEquals(
        "$ion_1_0 {Item:{a:103.,b:12.5,c:-7.,d:6d2,e:6d2,f:1d-130,"
            + "g:12345678901234567890123456789012345678.,h:0.,i:-0.001,j:15d9,"
            + "k:99999999999999999999999999999999999999d88,"
            + "l:1234567890123456789012345678901234567d1,o:100.5}}\n",
        encode(item));
  }

  @Test
  void scalarTypes() throws IOException {
    var item =
        item(
            "s", s("x"),
            "b", b(0, 1, 2, 255),
            "e", b(),
            "t", bool(true),
            "f", bool(false),
            "z", nul());

    assertEquals(
        "$ion_1_0 {Item:{s:\"x\",b:{{AAEC/w==}},e:{{}},t:true,f:false,z:null}}\n", encode(item));
  }

  @Test
  void setsAreAnnotatedLists() throws IOException {
    var item =
        item(
            "SS", ss("a", "b"),
            "NS", ns("1", "20", "0.5"),
            "BS", bs(bytes(0xde, 0xad), bytes(0xbe, 0xef)));

    assertEquals(
        "$ion_1_0 {Item:{SS:$dynamodb_SS::[\"a\",\"b\"],NS:$dynamodb_NS::[1.,2d1,0.5],"
            + "BS:$dynamodb_BS::[{{3q0=}},{{vu8=}}]}}\n",
        encode(item));
  }

  @Test
  void mapsAreStructsAndListsAreLists() throws IOException {
    var item =
        item(
            "m",
            m("inner", l(n("1"), s("two"), m("deep", l(nul(), bool(true)))), "empty", m()),
            "emptyList",
            l(),
            "lists",
            l(l(), l(l(s("x")))));

    assertEquals(
        "$ion_1_0 {Item:{m:{inner:[1.,\"two\",{deep:[null,true]}],empty:{}},emptyList:[],"
            + "lists:[[],[[\"x\"]]]}}\n",
        encode(item));
  }

  @Test
  void fieldNamesThatAreNotIdentifiersAreQuotedSymbols() throws IOException {
    var item =
        item(
            "my-attr", n("1"),
            "with space", n("2"),
            "null", n("3"),
            "true", n("4"),
            "false", n("5"),
            "nan", n("6"),
            "1a", n("7"),
            "é", n("8"),
            "it's", n("9"),
            "$1", n("10"),
            "_ok$9", n("11"),
            "Item", n("12"));

    assertEquals(
        "$ion_1_0 {Item:{'my-attr':1.,'with space':2.,'null':3.,'true':4.,'false':5.,'nan':6.,"
            + "'1a':7.,'é':8.,'it\\'s':9.,'$1':1d1,_ok$9:11.,Item:12.}}\n",
        encode(item));
  }

  @Test
  void unicodeStringsAreRawUtf8() throws IOException {
    var item = item("s", s("café 中文 😀"), "ss", ss("ñ", "\uD834\uDD1E"));

    assertEquals(
        "$ion_1_0 {Item:{s:\"café 中文 😀\",ss:$dynamodb_SS::[\"ñ\",\"𝄞\"]}}\n", encode(item));
  }

  @Test
  void controlCharactersQuotesAndBackslashesAreEscaped() throws IOException {
    var item =
        item("s", s("q\" b\\ t\t n\n r\r nul\u0000 bel\u0007 us\u001f vt\u000b del\u007f '"));

    assertEquals(
        "$ion_1_0 {Item:{s:\"q\\\" b\\\\ t\\t n\\n r\\r nul\\0 bel\\a us\\x1f"
            + " vt\\v del\\x7f '\"}}\n",
        encode(item));
  }

  @Test
  void everyLineCarriesItsOwnVersionMarker() throws IOException {
    var output = encode(item("pk", s("a")), item("pk", s("b"), "n", n("2")), item("pk", s("c")));

    assertEquals(
        "$ion_1_0 {Item:{pk:\"a\"}}\n"
            + "$ion_1_0 {Item:{pk:\"b\",n:2.}}\n"
            + "$ion_1_0 {Item:{pk:\"c\"}}\n",
        output);
    for (var line : output.split("\n")) {
      assertTrue(line.startsWith("$ion_1_0 {Item:{"), line);
      assertFalse(line.contains("  "), line);
      assertEquals(1, ION.getLoader().load(line).size(), "each line stands alone: " + line);
    }
  }

  @Test
  void noItemsWritesNothing() throws IOException {
    assertEquals("", encode());
  }

  @Test
  void closeLeavesTheStreamOpen() throws IOException {
    var closed = new boolean[1];
    var out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    var encoder = ExportFormat.ION.openEncoder(out);
    encoder.writeItem(item("pk", s("a")));
    encoder.close();

    assertFalse(closed[0]);
    assertEquals("$ion_1_0 {Item:{pk:\"a\"}}\n", out.toString(UTF_8));
  }

  @Test
  void ionReaderDecodesEveryTypeBack() throws IOException {
    var first =
        item(
            "pk", s("order#1 😀"),
            "n", n("-12.5E+3"),
            "big", n("12345678901234567890123456789012345678"),
            "tiny", n("1E-130"),
            "b", b(0, 0xff, 0x80),
            "ss", ss("x", "y ü"),
            "ns", ns("1", "1E-130", "600"),
            "bs", bs(bytes(1), bytes(2, 3)),
            "m", m("a", l(nul(), bool(false), m()), "with space", l()),
            "t", bool(true),
            "z", nul());
    var second = item("pk", s("order#2"), "it's", n("0"));

    var datagram = ION.getLoader().load(encode(first, second));

    assertEquals(2, datagram.size());
    assertItem(first, datagram.get(0));
    assertItem(second, datagram.get(1));
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
    var item = item("pk", s("big"), "payload", s(text.substring(0, 399_000)));

    var output = encode(item);

    assertTrue(output.startsWith("$ion_1_0 {Item:{pk:\"big\",payload:\""));
    assertEquals(output.length() - 1, output.indexOf('\n'), "one line");
    var datagram = ION.getLoader().load(output);
    assertEquals(1, datagram.size());
    assertItem(item, datagram.get(0));
  }

  private static void assertItem(Map<String, AttributeValue> expected, IonValue line) {
    var struct = assertInstanceOf(IonStruct.class, line);
    assertEquals(0, struct.getTypeAnnotations().length);
    assertEquals(1, struct.size(), "a line holds only Item");
    assertMap(expected, struct.get("Item"));
  }

  private static void assertMap(Map<String, AttributeValue> expected, IonValue actual) {
    var struct = assertInstanceOf(IonStruct.class, actual);
    assertEquals(expected.size(), struct.size(), "attribute count");
    for (var attribute : expected.entrySet()) {
      var field = struct.get(attribute.getKey());
      assertNotNull(field, "missing field " + attribute.getKey());
      assertValue(attribute.getValue(), field);
    }
  }

  private static void assertValue(AttributeValue expected, IonValue actual) {
    var annotations = List.of(actual.getTypeAnnotations());
    switch (expected.type()) {
      case S -> assertEquals(expected.s(), assertInstanceOf(IonString.class, actual).stringValue());
      case N -> assertDecimal(expected.n(), actual);
      case B -> assertBlob(expected.b(), actual);
      case BOOL ->
          assertEquals(expected.bool(), assertInstanceOf(IonBool.class, actual).booleanValue());
      case NUL -> {
        assertEquals(IonType.NULL, actual.getType());
        assertTrue(actual.isNullValue());
      }
      case SS -> {
        assertEquals(List.of("$dynamodb_SS"), annotations);
        var list = assertInstanceOf(IonList.class, actual);
        assertEquals(expected.ss().size(), list.size());
        for (int i = 0; i < list.size(); i++) {
          assertEquals(
              expected.ss().get(i), assertInstanceOf(IonString.class, list.get(i)).stringValue());
        }
      }
      case NS -> {
        assertEquals(List.of("$dynamodb_NS"), annotations);
        var list = assertInstanceOf(IonList.class, actual);
        assertEquals(expected.ns().size(), list.size());
        for (int i = 0; i < list.size(); i++) {
          assertDecimal(expected.ns().get(i), list.get(i));
        }
      }
      case BS -> {
        assertEquals(List.of("$dynamodb_BS"), annotations);
        var list = assertInstanceOf(IonList.class, actual);
        assertEquals(expected.bs().size(), list.size());
        for (int i = 0; i < list.size(); i++) {
          assertBlob(expected.bs().get(i), list.get(i));
        }
      }
      case M -> {
        assertEquals(List.of(), annotations);
        assertMap(expected.m(), actual);
      }
      case L -> {
        assertEquals(List.of(), annotations);
        var list = assertInstanceOf(IonList.class, actual);
        assertEquals(expected.l().size(), list.size());
        for (int i = 0; i < list.size(); i++) {
          assertValue(expected.l().get(i), list.get(i));
        }
      }
      default -> throw new AssertionError("unexpected type " + expected.type());
    }
    if (expected.type() != AttributeValue.Type.SS
        && expected.type() != AttributeValue.Type.NS
        && expected.type() != AttributeValue.Type.BS) {
      assertEquals(List.of(), annotations, "only sets are annotated");
    }
  }

  private static void assertDecimal(String expected, IonValue actual) {
    var decimal = assertInstanceOf(IonDecimal.class, actual).bigDecimalValue();
    assertEquals(0, new BigDecimal(expected).compareTo(decimal), expected + " vs " + decimal);
  }

  private static void assertBlob(SdkBytes expected, IonValue actual) {
    assertArrayEquals(expected.asByteArray(), assertInstanceOf(IonBlob.class, actual).getBytes());
  }
}
