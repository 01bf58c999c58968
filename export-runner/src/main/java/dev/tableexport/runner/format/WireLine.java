package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An export line made from a Scan response's item in one pass over its bytes, with no parser and
 * no writer library, sized by {@link ItemSize}'s rules on the way: the reading position and the
 * checks both formats make ({@link WireJsonLine}, {@link WireIonLine}), and the line's buffer,
 * reused from item to item. A subclass makes the line only of what it knows the format's writer
 * would write the same; for anything else {@link #make} returns false and the item takes the
 * parse-and-write path, which normalises or refuses it.
 */
abstract class WireLine {

  /** The value of each base64 digit; -1 for bytes that are none. */
  private static final byte[] BASE64_DIGITS = new byte[256];

  static {
    Arrays.fill(BASE64_DIGITS, (byte) -1);
    var digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < digits.length(); i++) {
      BASE64_DIGITS[digits.charAt(i)] = (byte) i;
    }
  }

  private byte[] line = new byte[4096];
  private int length;
  private char[] numberText = new char[64];
  /** The item's billed size so far. */
  long size;

  /** The input and where reading is; valid during {@link #make}. */
  byte[] in;
  int at;
  int end;

  /** Makes the line of {@code item}; false when the item must be parsed and written instead. */
  final boolean make(WireItem item) throws IOException {
    in = item.json();
    at = item.offset();
    end = item.offset() + item.length();
    length = 0;
    size = 0;
    boolean made = line();
    in = null;
    return made;
  }

  /** Writes the whole line, reading the item's attribute map at the reading position. */
  abstract boolean line() throws IOException;

  /** The item's billed size, after a successful {@link #make}. */
  final long size() {
    return size;
  }

  final void writeTo(OutputStream out) throws IOException {
    out.write(line, 0, length);
  }

  final boolean sized(long bytes) {
    if (bytes < 0) {
      return false;
    }
    size += bytes;
    return true;
  }

  /** Reads {@code word} (true, false) when it is next. */
  final boolean consumeWord(byte[] word) {
    skipSpace();
    if (end - at < word.length || !Arrays.equals(in, at, at + word.length, word, 0, word.length)) {
      return false;
    }
    at += word.length;
    return true;
  }

  /** The length of the well-formed UTF-8 sequence at the reading position, or -1. */
  final int utf8SequenceLength(int lead) {
    int length;
    int min = 0x80;
    int max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = lead == 0xe0 ? 0xa0 : 0x80;
      max = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = lead == 0xf0 ? 0x90 : 0x80;
      max = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return -1;
    }
    if (end - at < length) {
      return -1;
    }
    for (int i = 1; i < length; i++) {
      int b = in[at + i] & 0xff;
      if (b < (i == 1 ? min : 0x80) || b > (i == 1 ? max : 0xbf)) {
        return -1;
      }
    }
    return length;
  }

  /**
   * The four hex digits at {@code i} (either case) as a UTF-16 unit, or -1; with {@code
   * upperCaseOnly}, lower-case digits make it -1.
   */
  final int hexUnit(int i, boolean upperCaseOnly) {
    if (end - i < 4) {
      return -1;
    }
    int unit = 0;
    for (int j = i; j < i + 4; j++) {
      int b = in[j];
      int digit = b >= '0' && b <= '9' ? b - '0'
          : b >= 'A' && b <= 'F' ? b - 'A' + 10
          : !upperCaseOnly && b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
      if (digit < 0) {
        return -1;
      }
      unit = unit << 4 | digit;
    }
    return unit;
  }

  /**
   * Reads a number's string, quotes included, when it is plain: its text is then in {@code
   * numberText} and returned parsed (and checked) by NumberText; null otherwise.
   */
  final NumberText readNumber() throws IOException {
    if (!skipSpaceTo('"')) {
      return null;
    }
    int start = at + 1;
    int stop = start;
    while (stop < end && in[stop] != '"') {
      if (in[stop] == '\\' || in[stop] < 0x20) {
        return null;
      }
      stop++;
    }
    if (stop == end) {
      return null;
    }
    int digits = stop - start;
    if (numberText.length < digits) {
      numberText = new char[Math.max(digits, 2 * numberText.length)];
    }
    for (int i = 0; i < digits; i++) {
      numberText[i] = (char) in[start + i];
    }
    at = stop + 1;
    return NumberText.parse(numberText, 0, digits);
  }

  /**
   * Reads a B value's base64, quotes included, when it is canonical (what a writer writes for its
   * bytes: the standard alphabet, padded, unused bits zero); returns where its digits start, or -1.
   * The digits end before the quote that ends at the reading position.
   */
  final int readCanonicalBase64() {
    if (!skipSpaceTo('"')) {
      return -1;
    }
    int start = at + 1;
    int stop = start;
    while (stop < end && in[stop] != '"') {
      stop++;
    }
    int chars = stop - start;
    if (stop == end || chars % 4 != 0) {
      return -1;
    }
    int padding = padding(start, stop);
    for (int i = start; i < stop - padding; i++) {
      if (base64Digit(in[i]) < 0) {
        return -1;
      }
    }
    if (padding > 0) {
      int last = base64Digit(in[stop - padding - 1]);
      if ((last & (padding == 1 ? 0x03 : 0x0f)) != 0) {
        return -1;
      }
    }
    at = stop + 1;
    return start;
  }

  /** The byte count of the canonical base64 between {@code start} and {@code stop}. */
  final long base64Bytes(int start, int stop) {
    return (stop - start) / 4 * 3 - padding(start, stop);
  }

  private int padding(int start, int stop) {
    return stop == start ? 0 : in[stop - 1] != '=' ? 0 : in[stop - 2] != '=' ? 1 : 2;
  }

  private static int base64Digit(byte c) {
    return BASE64_DIGITS[c & 0xff];
  }

  final boolean consume(char expected) {
    skipSpace();
    if (at < end && in[at] == expected) {
      at++;
      return true;
    }
    return false;
  }

  final boolean skipSpaceTo(char expected) {
    skipSpace();
    return at < end && in[at] == expected;
  }

  final boolean atEndAfterSpace() {
    skipSpace();
    return at == end;
  }

  final void skipSpace() {
    while (at < end && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
      at++;
    }
  }

  final boolean append(byte b) {
    if (length == line.length) {
      line = Arrays.copyOf(line, 2 * line.length);
    }
    line[length++] = b;
    return true;
  }

  final boolean append(byte[] bytes) {
    append(bytes, 0, bytes.length);
    return true;
  }

  final void append(byte[] bytes, int offset, int count) {
    if (line.length - length < count) {
      line = Arrays.copyOf(line, Math.max(2 * line.length, length + count));
    }
    System.arraycopy(bytes, offset, line, length, count);
    length += count;
  }

  /** Appends the code point as UTF-8. */
  final void appendUtf8(int codePoint) {
    if (codePoint < 0x80) {
      append((byte) codePoint);
    } else if (codePoint < 0x800) {
      append((byte) (0xc0 | codePoint >> 6));
      append((byte) (0x80 | codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
      append((byte) (0xe0 | codePoint >> 12));
      append((byte) (0x80 | codePoint >> 6 & 0x3f));
      append((byte) (0x80 | codePoint & 0x3f));
    } else {
      append((byte) (0xf0 | codePoint >> 18));
      append((byte) (0x80 | codePoint >> 12 & 0x3f));
      append((byte) (0x80 | codePoint >> 6 & 0x3f));
      append((byte) (0x80 | codePoint & 0x3f));
    }
  }
}
