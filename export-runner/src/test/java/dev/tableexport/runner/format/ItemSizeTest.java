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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ItemSizeTest {

  @Test
  void emptyItemIsZero() {
    assertEquals(0, ItemSize.of(item()));
  }

  @Test
  void nameBytesPlusValueBytes() {
    assertEquals(1 + 3, ItemSize.of(item("a", s("xyz"))));
    assertEquals(4 + 0, ItemSize.of(item("name", s(""))));
  }

  @Test
  void stringsAndNamesCountUtf8Bytes() {
    assertEquals(2, ItemSize.valueSize(s("é")));
    assertEquals(3, ItemSize.valueSize(s("中")));
    assertEquals(4, ItemSize.valueSize(s("😀")));
    assertEquals(1 + 2 + 3 + 4, ItemSize.valueSize(s("aé中😀")));
    assertEquals(3 + (2 + 3 + 4), ItemSize.of(item("名", s("é中😀"))));
    assertEquals(4 + 1, ItemSize.of(item("😀", s("x"))));
  }

  @ParameterizedTest(name = "{0} -> {1} bytes")
  @CsvSource({
    "0, 2",
    "1, 2",
    "12, 2",
    "123, 3",
    "1234, 3",
    "12345, 4",
    "100, 2",
    "0.001, 2",
    "123.45, 4",
    "-123, 3",
    "00012300, 3",
    "1.500, 2",
    "1E-130, 2",
    "1.5E+10, 2",
    "12345678901234567890123456789012345678, 20",
    "9.9999999999999999999999999999999999999E+125, 20",
    "-0, 2",
    "0.000, 2",
    "-0.0E+5, 2",
    "+7, 2",
    "-.5, 2",
    "5., 2",
    "10.01, 3",
    "1001E-2, 3",
    "0.0012300, 3",
    "1e5, 2",
    "-1.5E-7, 2",
    "123456789012345678, 10",
    "1234567890123456789, 11",
    "100000000000000000000000000000000000001, 21",
  })
  void numbersCountOneBytePerTwoSignificantDigitsPlusOne(String number, long size)
      throws IOException {
    assertEquals(size, ItemSize.numberSize(number));
    assertEquals(size, ItemSize.valueSize(n(number)));
    assertEquals(size, bigDecimalSize(number), "the rule as BigDecimal states it");
  }

  /** The rule as the runner computed it before, with BigDecimal: the reference for the above. */
  private static long bigDecimalSize(String number) {
    var digits = new BigDecimal(number).stripTrailingZeros().unscaledValue().abs().toString();
    int significant = digits.equals("0") ? 1 : digits.length();
    return 1 + (significant + 1) / 2;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-", ".", "1.2.3", "1e", "1e+", "e5", " 1", "1 ", "0x10", "NaN", "1,5"})
  void textThatIsNoNumberIsRefusedAsBigDecimalRefusesIt(String text) {
    assertThrows(NumberFormatException.class, () -> new BigDecimal(text));
    assertThrows(IOException.class, () -> ItemSize.numberSize(text));
  }

  @Test
  void binaryCountsRawBytes() {
    assertEquals(4, ItemSize.valueSize(b(0, 1, 2, 255)));
    assertEquals(0, ItemSize.valueSize(b()));
  }

  @Test
  void booleanAndNullAreOneByte() {
    assertEquals(1, ItemSize.valueSize(bool(true)));
    assertEquals(1, ItemSize.valueSize(bool(false)));
    assertEquals(1, ItemSize.valueSize(nul()));
  }

  @Test
  void setsSumTheirElements() {
    assertEquals(1 + 2 + 2, ItemSize.valueSize(ss("a", "bc", "é")));
    assertEquals(2 + 2 + 4, ItemSize.valueSize(ns("1", "100", "123.45")));
    assertEquals(2 + 1, ItemSize.valueSize(bs(bytes(1, 2), bytes(3))));
  }

  @Test
  void listsAreThreeBytesPlusOnePerElementPlusContents() {
    assertEquals(3, ItemSize.valueSize(l()));
    assertEquals(3 + (1 + 2) + (1 + 2), ItemSize.valueSize(l(s("ab"), n("1"))));
    assertEquals(3 + (1 + 3) + (1 + 1), ItemSize.valueSize(l(l(), nul())));
  }

  @Test
  void mapsAreThreeBytesPlusOnePerElementPlusNamesAndContents() {
    assertEquals(3, ItemSize.valueSize(m()));
    assertEquals(3 + 1 + (1 + 1), ItemSize.valueSize(m("k", s("v"))));
    assertEquals(3 + 2 + (1 + 3) + (2 + 2), ItemSize.valueSize(m("a", l(), "bb", n("12"))));
  }

  @Test
  void nestedDocument() {
    var value = m("a", l(bool(true), m("é", s("中"))));
    var inner = 3 + 1 + (2 + 3);
    var list = 3 + (1 + 1) + (1 + inner);
    assertEquals(3 + 1 + (1 + list), ItemSize.valueSize(value));
  }

  @Test
  void wholeItem() {
    var item =
        item(
            "pk", s("customer#000001"),
            "sk", n("42"),
            "tags", ss("new", "vip"),
            "active", bool(true),
            "blob", b(1, 2, 3),
            "lines", l(m("qty", n("3"), "price", n("19.99"))));
    var lines = 3 + 1 + (3 + 2 + (3 + 2) + (5 + 3));
    var expected = (2 + 15) + (2 + 2) + (4 + 6) + (6 + 1) + (4 + 3) + (5 + lines);

    assertEquals(expected, ItemSize.of(item));
  }
}
