package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DYNAMODB_JSON line, {@code {"Item":<item>}}, made from a Scan response's item as it is: the
 * wire JSON already is the export's. It is made only of what Jackson's generator would write back
 * byte for byte (structure without spaces, strings of well-formed UTF-8 with only the escapes the
 * generator writes, canonical base64, numbers as their text).
 */
final class WireJsonLine extends WireLine {

  private static final byte[] PREFIX = "{\"Item\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "}\n".getBytes(StandardCharsets.US_ASCII);
  /** Hex digits, in the case the generator writes them in a control character's escape. */
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** {@code \\uD83D\\uDE00}: how the generator writes a character outside the BMP. */
  private static final int SURROGATE_PAIR_ESCAPE = 12;

  /** Bytes a string holds as they are, that the generator writes as they are. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 0x20; b < 0x80; b++) {
      PLAIN[b] = b != '"' && b != '\\';
    }
  }

  @Override
  boolean line() throws IOException {
    return members(0) && atEndAfterSpace() && !spaced;
  }

  @Override
  void writeTo(OutputStream out) throws IOException {
    var item = item();
    out.write(PREFIX);
    out.write(item.json(), item.offset(), item.length());
    out.write(SUFFIX);
  }

  /**
   * Reads the string at the reading position; returns the UTF-8 length of its value, or -1 when
   * it is not a string the generator would write back as it is.
   */
  @Override
  long string() {
    if (!skipSpaceTo('"')) {
      return -1;
    }
    at++;
    long bytes = 0;
    while (at < end) {
      int b = in[at] & 0xff;
      if (PLAIN[b]) {
        at++;
      } else if (b == '"') {
        at++;
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
        if (sequence < 0 || sequence == 4) {
          return -1; // the generator escapes a character outside the BMP (SURROGATE_PAIR_ESCAPE)
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

  @Override
  long name() {
    return string();
  }

  /** A number's string, sized (and checked) by NumberText. */
  @Override
  boolean number() throws IOException {
    return readNumber() != null;
  }

  /** A B value's base64 when it is canonical; returns its byte count, or -1. */
  @Override
  long binary() {
    int digits = readCanonicalBase64();
    return digits < 0 ? -1 : base64Bytes(digits, at - 1);
  }

  // The line is the item's own bytes: nothing to write per value.

  @Override
  void startMap() {}

  @Override
  void endMap() {}

  @Override
  void startList() {}

  @Override
  void endList() {}

  @Override
  void startSet(byte type) {}

  @Override
  void separator() {}

  @Override
  void nameEnd() {}

  @Override
  void bool(boolean value) {}

  @Override
  void nul() {}
}
