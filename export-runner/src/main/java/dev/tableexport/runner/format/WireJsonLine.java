package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DYNAMODB_JSON line, {@code {"Item":<item>}}, made from a Scan response's item by copying its
 * bytes, with no parser and no generator: the wire JSON already is the export's. It copies only
 * what Jackson's generator would write back byte for byte (structure without spaces, strings of
 * well-formed UTF-8 with only the escapes the generator writes, canonical base64, numbers as their
 * text), and sizes the item by {@link ItemSize}'s rules in the same pass; for anything else,
 * {@link #copy} returns false and the item takes the parse-and-write path, which normalises or
 * refuses it. It reuses its buffers from item to item.
 */
final class WireJsonLine {

  private static final byte[] PREFIX = "{\"Item\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  /** Hex digits, in the case the generator writes them in a control character's escape. */
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BOOL_TYPE = "BOOL".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_TYPE = "NULL".getBytes(StandardCharsets.US_ASCII);

  /** Bytes a string holds as they are, that the generator writes as they are. */
  private static final boolean[] PLAIN = new boolean[256];
  /** The value of each base64 digit; -1 for bytes that are none. */
  private static final byte[] BASE64_DIGITS = new byte[256];

  static {
    for (int b = 0x20; b < 0x80; b++) {
      PLAIN[b] = b != '"' && b != '\\';
    }
    Arrays.fill(BASE64_DIGITS, (byte) -1);
    var digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < digits.length(); i++) {
      BASE64_DIGITS[digits.charAt(i)] = (byte) i;
    }
  }

  private final Element stringElement = this::string;
  private final Element numberElement = () -> number() ? 0 : -1;
  private final Element binaryElement = this::binary;
  private byte[] line = new byte[4096];
  private int length;
  private char[] numberText = new char[64];
  private long size;

  /** The input and where reading is; valid during {@link #copy}. */
  private byte[] in;
  private int at;
  private int end;

  /** Makes the line of {@code item}; false when the item must be parsed and written instead. */
  boolean copy(WireItem item) throws IOException {
    in = item.json();
    at = item.offset();
    end = item.offset() + item.length();
    length = 0;
    size = 0;
    append(PREFIX, 0, PREFIX.length);
    boolean copied = members(0) && atEndAfterSpace();
    in = null;
    if (copied) {
      append((byte) '}');
      append((byte) '\n');
    }
    return copied;
  }

  /** The item's billed size, after a successful {@link #copy}. */
  long size() {
    return size;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(line, 0, length);
  }

  /** An attribute map, {@code {"name":value,...}}, at {@code depth} maps and lists deep. */
  private boolean members(int depth) throws IOException {
    if (!consume('{')) {
      return false;
    }
    append((byte) '{');
    if (consume('}')) {
      append((byte) '}');
      return true;
    }
    do {
      long nameSize = string();
      if (nameSize < 0 || !consume(':')) {
        return false;
      }
      size += nameSize;
      append((byte) ':');
      if (!value(depth)) {
        return false;
      }
    } while (consumeAndCopy(','));
    return consume('}') && append((byte) '}');
  }

  /** An attribute value, {@code {"TYPE":...}}; in an M or L it counts a byte more. */
  private boolean value(int depth) throws IOException {
    if (depth > 0) {
      size++;
    }
    if (!consume('{') || !skipSpaceTo('"')) {
      return false;
    }
    append((byte) '{');
    int typeStart = at + 1;
    boolean typed = string() >= 0;
    int typeLength = at - 1 - typeStart;
    if (!typed || !consume(':')) {
      return false;
    }
    append((byte) ':');
    return typedValue(typeStart, typeLength, depth) && consume('}') && append((byte) '}');
  }

  /** The value of the type whose {@code length} bytes (unescaped) start at {@code start}. */
  private boolean typedValue(int start, int length, int depth) throws IOException {
    if (length == 1) {
      return switch (in[start]) {
        case 'S' -> sized(string());
        case 'N' -> number();
        case 'B' -> sized(binary());
        case 'M' -> sized(3) && members(depth + 1);
        case 'L' -> sized(3) && list(depth + 1);
        default -> false;
      };
    } else if (length == 2 && in[start + 1] == 'S') {
      return switch (in[start]) {
        case 'S' -> array(stringElement);
        case 'N' -> array(numberElement);
        case 'B' -> array(binaryElement);
        default -> false;
      };
    } else if (length == 4 && Arrays.equals(in, start, start + 4, BOOL_TYPE, 0, 4)) {
      return bool();
    } else if (length == 4 && Arrays.equals(in, start, start + 4, NULL_TYPE, 0, 4)) {
      return literal(TRUE) && sized(1);
    }
    return false;
  }

  /**
   * Copies one element of an array and returns the size it adds, or -1 when it cannot be copied.
   */
  @FunctionalInterface
  private interface Element {
    long copy() throws IOException;
  }

  /** An L value's elements: values that size themselves, a byte more each. */
  private boolean list(int depth) throws IOException {
    return array(() -> value(depth) ? 0 : -1);
  }

  private boolean array(Element element) throws IOException {
    if (!consume('[')) {
      return false;
    }
    append((byte) '[');
    if (consume(']')) {
      return append((byte) ']');
    }
    do {
      long elementSize = element.copy();
      if (elementSize < 0) {
        return false;
      }
      size += elementSize;
    } while (consumeAndCopy(','));
    return consume(']') && append((byte) ']');
  }

  private boolean sized(long bytes) {
    if (bytes < 0) {
      return false;
    }
    size += bytes;
    return true;
  }

  private boolean bool() {
    return (literal(TRUE) || literal(FALSE)) && sized(1);
  }

  private boolean literal(byte[] word) {
    skipSpace();
    if (end - at < word.length || !Arrays.equals(in, at, at + word.length, word, 0, word.length)) {
      return false;
    }
    at += word.length;
    append(word, 0, word.length);
    return true;
  }

  /**
   * Copies the string at the reading position, quotes included; returns the UTF-8 length of its
   * value, or -1 when it is not a string the generator would write back as it is.
   */
  private long string() {
    if (!skipSpaceTo('"')) {
      return -1;
    }
    int start = at++;
    long bytes = 0;
    while (at < end) {
      int b = in[at] & 0xff;
      if (PLAIN[b]) {
        at++;
      } else if (b == '"') {
        at++;
        append(in, start, at - start);
        return bytes;
      } else if (b == '\\') {
        int escape = escapeLength();
        if (escape < 0) {
          return -1;
        }
        at += escape;
      } else if (b < 0x80) {
        return -1;
      } else {
        int sequence = utf8SequenceLength(b);
        if (sequence < 0) {
          return -1;
        }
        at += sequence;
        bytes += sequence - 1;
      }
      bytes++;
    }
    return -1;
  }

  /** The length of the escape at the reading position, when the generator writes it so; or -1. */
  private int escapeLength() {
    if (at + 1 >= end) {
      return -1;
    }
    switch (in[at + 1]) {
      case '"', '\\', 'b', 't', 'n', 'f', 'r' -> {
        return 2;
      }
      case 'u' -> {
        if (at + 5 >= end || in[at + 2] != '0' || in[at + 3] != '0') {
          return -1;
        }
        int high = in[at + 4] - '0';
        int low = Arrays.binarySearch(HEX, in[at + 5]);
        int code = high * 16 + low;
        boolean generatorsOwn = (high == 0 || high == 1) && low >= 0 && code != '\b'
            && code != '\t' && code != '\n' && code != '\f' && code != '\r';
        return generatorsOwn ? 6 : -1;
      }
      default -> {
        return -1;
      }
    }
  }

  /** The length of the well-formed UTF-8 sequence starting with {@code lead}, or -1. */
  private int utf8SequenceLength(int lead) {
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

  /** A number's string, copied when it is plain ASCII; sized (and checked) by NumberText. */
  private boolean number() throws IOException {
    if (!skipSpaceTo('"')) {
      return false;
    }
    int start = at + 1;
    int stop = start;
    while (stop < end && in[stop] != '"') {
      if (in[stop] == '\\' || in[stop] < 0x20) {
        return false;
      }
      stop++;
    }
    if (stop == end) {
      return false;
    }
    int digits = stop - start;
    if (numberText.length < digits) {
      numberText = new char[Math.max(digits, 2 * numberText.length)];
    }
    for (int i = 0; i < digits; i++) {
      numberText[i] = (char) in[start + i];
    }
    size += NumberText.parse(numberText, 0, digits).billedSize();
    at = stop + 1;
    append(in, start - 1, digits + 2);
    return true;
  }

  /**
   * Copies a B value's base64 when it is canonical (what the generator writes for its bytes: the
   * standard alphabet, padded, unused bits zero); returns its byte count, or -1.
   */
  private long binary() {
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
    int padding = chars == 0 ? 0 : in[stop - 1] != '=' ? 0 : in[stop - 2] != '=' ? 1 : 2;
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
    append(in, start - 1, chars + 2);
    return chars / 4 * 3 - padding;
  }

  private static int base64Digit(byte c) {
    return BASE64_DIGITS[c & 0xff];
  }

  private boolean consume(char expected) {
    skipSpace();
    if (at < end && in[at] == expected) {
      at++;
      return true;
    }
    return false;
  }

  private boolean consumeAndCopy(char expected) {
    return consume(expected) && append((byte) expected);
  }

  private boolean skipSpaceTo(char expected) {
    skipSpace();
    return at < end && in[at] == expected;
  }

  private boolean atEndAfterSpace() {
    skipSpace();
    return at == end;
  }

  private void skipSpace() {
    while (at < end && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
      at++;
    }
  }

  private boolean append(byte b) {
    if (length == line.length) {
      line = Arrays.copyOf(line, 2 * line.length);
    }
    line[length++] = b;
    return true;
  }

  private void append(byte[] bytes, int offset, int count) {
    if (line.length - length < count) {
      line = Arrays.copyOf(line, Math.max(2 * line.length, length + count));
    }
    System.arraycopy(bytes, offset, line, length, count);
    length += count;
  }
}
