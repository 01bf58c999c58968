package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An export line made from a Scan response's item in one pass over its bytes, with no parser and
 * no writer library, sized by {@link ItemSize}'s rules on the way: the walk over the item's wire
 * JSON and the checks both formats make, with a hook per value for the format's line ({@link
 * WireJsonLine}, {@link WireIonLine}). A line is made only of what the format's writer would
 * write the same; for anything else {@link #make} returns false and the item takes the
 * parse-and-write path, which normalises or refuses it.
 */
abstract class WireLine {

  static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BOOL_TYPE = "BOOL".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_TYPE = "NULL".getBytes(StandardCharsets.US_ASCII);
  /** What an array holds. */
  private static final int VALUES = 0;
  private static final int STRINGS = 1;
  private static final int NUMBERS = 2;
  private static final int BINARIES = 3;

  /** The value of each base64 digit; -1 for bytes that are none. */
  private static final byte[] BASE64_DIGITS = new byte[256];

  static {
    Arrays.fill(BASE64_DIGITS, (byte) -1);
    var digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < digits.length(); i++) {
      BASE64_DIGITS[digits.charAt(i)] = (byte) i;
    }
  }

  /** The item's billed size so far. */
  private long size;
  /** Whether space between tokens was skipped. */
  boolean spaced;

  private WireItem item;

  /** The input and where reading is; valid during {@link #make}. */
  byte[] in;
  int at;
  int end;

  /** Makes the line of {@code item}; false when the item must be parsed and written instead. */
  final boolean make(WireItem item) throws IOException {
    this.item = item;
    in = item.json();
    at = item.offset();
    end = item.offset() + item.length();
    size = 0;
    spaced = false;
    boolean made = line();
    in = null;
    return made;
  }

  /** Makes the whole line, with {@link #members} for the item's attribute map. */
  abstract boolean line() throws IOException;

  /** Writes the line, after a successful {@link #make}. */
  abstract void writeTo(OutputStream out) throws IOException;

  /** The item of the last {@link #make}. */
  final WireItem item() {
    return item;
  }

  /** A map starts: the item's attribute map or an M value. */
  abstract void startMap();

  abstract void endMap();

  /** An L value or a set (after {@link #startSet}) starts. */
  abstract void startList();

  abstract void endList();

  /** {@code type} is 'S', 'N' or 'B'. */
  abstract void startSet(byte type);

  /** Between two members of a map or elements of a list. */
  abstract void separator();

  /** Reads a member's name; returns its UTF-8 length, or -1 when the line cannot hold it. */
  abstract long name();

  /** Between a member's name and its value. */
  abstract void nameEnd();

  /** Reads an S value; returns its UTF-8 length, or -1. */
  abstract long string();

  /** Reads an N value and adds its size; false when the line cannot hold it. */
  abstract boolean number() throws IOException;

  /** Reads a B value; returns its byte count, or -1. */
  abstract long binary();

  abstract void bool(boolean value);

  abstract void nul();

  /** An attribute map, {@code {"name":value,...}}, at {@code depth} maps and lists deep. */
  final boolean members(int depth) throws IOException {
    if (!consume('{')) {
      return false;
    }
    startMap();
    if (!consume('}')) {
      boolean first = true;
      do {
        if (!first) {
          separator();
        }
        first = false;
        long nameSize = name();
        if (nameSize < 0 || !consume(':')) {
          return false;
        }
        size += nameSize;
        nameEnd();
        if (!value(depth)) {
          return false;
        }
      } while (consume(','));
      if (!consume('}')) {
        return false;
      }
    }
    endMap();
    return true;
  }

  /** An attribute value, {@code {"TYPE":...}}; in an M or L it counts a byte more. */
  private boolean value(int depth) throws IOException {
    if (depth > 0) {
      size++;
    }
    if (!consume('{') || !skipSpaceTo('"')) {
      return false;
    }
    int typeStart = at + 1;
    int typeEnd = typeStart;
    while (typeEnd < end && in[typeEnd] != '"' && in[typeEnd] != '\\') {
      typeEnd++;
    }
    if (typeEnd == end || in[typeEnd] != '"') {
      return false;
    }
    at = typeEnd + 1;
    return consume(':') && typedValue(typeStart, typeEnd - typeStart, depth) && consume('}');
  }

  /** The value of the type whose {@code length} bytes start at {@code start}. */
  private boolean typedValue(int start, int length, int depth) throws IOException {
    if (length == 1) {
      return switch (in[start]) {
        case 'S' -> sized(string());
        case 'N' -> number();
        case 'B' -> sized(binary());
        case 'M' -> sized(3) && members(depth + 1);
        case 'L' -> sized(3) && array(VALUES, depth + 1);
        default -> false;
      };
    } else if (length == 2 && in[start + 1] == 'S') {
      int elements = switch (in[start]) {
        case 'S' -> STRINGS;
        case 'N' -> NUMBERS;
        case 'B' -> BINARIES;
        default -> -1;
      };
      if (elements < 0) {
        return false;
      }
      startSet(in[start]);
      return array(elements, depth);
    } else if (length == 4 && Arrays.equals(in, start, start + 4, BOOL_TYPE, 0, 4)) {
      boolean value = consumeWord(TRUE);
      if (!value && !consumeWord(FALSE)) {
        return false;
      }
      bool(value);
      return sized(1);
    } else if (length == 4 && Arrays.equals(in, start, start + 4, NULL_TYPE, 0, 4)) {
      if (!consumeWord(TRUE)) {
        return false;
      }
      nul();
      return sized(1);
    }
    return false;
  }

  /** An L value's elements (values that size themselves, a byte more each), or a set's. */
  private boolean array(int elements, int depth) throws IOException {
    if (!consume('[')) {
      return false;
    }
    startList();
    if (!consume(']')) {
      boolean first = true;
      do {
        if (!first) {
          separator();
        }
        first = false;
        long elementSize = switch (elements) {
          case STRINGS -> string();
          case NUMBERS -> number() ? 0 : -1;
          case BINARIES -> binary();
          default -> value(depth) ? 0 : -1;
        };
        if (elementSize < 0) {
          return false;
        }
        size += elementSize;
      } while (consume(','));
      if (!consume(']')) {
        return false;
      }
    }
    endList();
    return true;
  }

  /** The item's billed size, after a successful {@link #make}. */
  final long size() {
    return size;
  }

  private boolean sized(long bytes) {
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
   * Reads a number's string, quotes included, when it is plain ASCII, adds its billed size, and
   * returns it parsed (and checked) by NumberText; null otherwise.
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
    at = stop + 1;
    var number = NumberText.parse(in, start, stop - start);
    size += number.billedSize();
    return number;
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
    int start = at;
    while (at < end && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
      at++;
    }
    spaced |= at > start;
  }
}
