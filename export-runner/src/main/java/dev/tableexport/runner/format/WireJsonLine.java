package dev.tableexport.runner.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DYNAMODB_JSON line, {@code {"Item":<item>}}, made from a Scan response's item by copying its
 * bytes: the wire JSON already is the export's. It copies only what Jackson's generator would
 * write back byte for byte (structure without spaces, strings of well-formed UTF-8 with only the
 * escapes the generator writes, canonical base64, numbers as their text).
 */
final class WireJsonLine extends WireLine {

  private static final byte[] PREFIX = "{\"Item\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  /** Hex digits, in the case the generator writes them in a control character's escape. */
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BOOL_TYPE = "BOOL".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_TYPE = "NULL".getBytes(StandardCharsets.US_ASCII);
  /** {@code \uD83D\uDE00}: how the generator writes a character outside the BMP. */
  private static final int SURROGATE_PAIR_ESCAPE = 12;

  /** Bytes a string holds as they are, that the generator writes as they are. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 0x20; b < 0x80; b++) {
      PLAIN[b] = b != '"' && b != '\\';
    }
  }

  private final Element stringElement = this::string;
  private final Element numberElement = () -> number() ? 0 : -1;
  private final Element binaryElement = this::binary;

  @Override
  boolean line() throws IOException {
    append(PREFIX);
    return members(0) && atEndAfterSpace() && append((byte) '}') && append((byte) '\n');
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

  private boolean bool() {
    return (literal(TRUE) || literal(FALSE)) && sized(1);
  }

  private boolean literal(byte[] word) {
    return consumeWord(word) && append(word);
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
        // A character outside the BMP: four bytes of UTF-8.
        bytes += escape == SURROGATE_PAIR_ESCAPE ? 3 : 0;
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
        if (isSurrogatePairEscape()) {
          return SURROGATE_PAIR_ESCAPE;
        }
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

  /** A high and a low surrogate escaped in upper-case hex, as the generator writes them. */
  private boolean isSurrogatePairEscape() {
    return Character.isHighSurrogate((char) hexUnit(at + 2, true)) && end - at >= 12
        && in[at + 6] == '\\' && in[at + 7] == 'u'
        && Character.isLowSurrogate((char) hexUnit(at + 8, true));
  }

  /** A number's string, copied when it is plain ASCII; sized (and checked) by NumberText. */
  private boolean number() throws IOException {
    skipSpace();
    int start = at;
    var number = readNumber();
    if (number == null) {
      return false;
    }
    size += number.billedSize();
    append(in, start, at - start);
    return true;
  }

  /** Copies a B value's base64 when it is canonical; returns its byte count, or -1. */
  private long binary() {
    skipSpace();
    int start = at;
    int digits = readCanonicalBase64();
    if (digits < 0) {
      return -1;
    }
    append(in, start, at - start);
    return base64Bytes(digits, at - 1);
  }

  private boolean consumeAndCopy(char expected) {
    return consume(expected) && append((byte) expected);
  }
}
