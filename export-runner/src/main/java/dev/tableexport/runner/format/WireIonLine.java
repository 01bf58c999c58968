package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An ION line, {@code $ion_1_0 {Item:<item>}}, written from a Scan response's item as ion-java's
 * text writer (IonItemEncoder's, through IonAttributeWriter) writes the same values, which cost
 * three times the JSON line: field names as identifiers or quoted symbols, strings with Ion's
 * escapes ({@code _Private_IonTextAppender}'s tables: controls, U+007F to U+009F), numbers as
 * decimals with trailing zeros in the exponent ({@code printDecimal}'s forms), blobs, sets as
 * annotated lists. Field names with JSON escapes and lone surrogates take the parse-and-write path.
 */
final class WireIonLine extends WireLine {

  private static final byte[] PREFIX = "$ion_1_0 {Item:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = bytes("null");
  private static final byte[] ZERO = bytes("0.");
  private static final byte[] ZEROS = bytes("0.00000");
  private static final byte[] BLOB_START = bytes("{{");
  private static final byte[] BLOB_END = bytes("}}");
  private static final byte[][] SET_ANNOTATIONS = {
    bytes("$dynamodb_SS::"), bytes("$dynamodb_NS::"), bytes("$dynamodb_BS::")
  };
  private static final byte[][] KEYWORDS = {TRUE, FALSE, NULL, bytes("nan")};

  /** Ion's escape of each code point below U+00A0 it escapes in strings and symbols; or null. */
  private static final byte[][] ESCAPES = new byte[0xa0][];
  private static final boolean[] IDENTIFIER_START = new boolean[256];
  private static final boolean[] IDENTIFIER_PART = new boolean[256];

  static {
    for (int c = 0; c < ESCAPES.length; c++) {
      if (c < 0x20 || c >= 0x7f) {
        ESCAPES[c] = bytes(String.format("\\x%02x", c));
      }
    }
    String[][] named = {{"\0", "\\0"}, {"\u0007", "\\a"}, {"\b", "\\b"}, {"\t", "\\t"},
        {"\n", "\\n"}, {"\u000b", "\\v"}, {"\f", "\\f"}, {"\r", "\\r"}};
    for (var escape : named) {
      ESCAPES[escape[0].charAt(0)] = bytes(escape[1]);
    }
    for (int c = 0; c < 128; c++) {
      IDENTIFIER_START[c] = Character.isLetter(c) || c == '_' || c == '$';
      IDENTIFIER_PART[c] = IDENTIFIER_START[c] || Character.isDigit(c);
    }
  }

  private byte[] line = new byte[4096];
  private int length;
  private byte[] digits = new byte[64];

  @Override
  boolean line() throws IOException {
    length = 0;
    append(PREFIX);
    return members(0) && atEndAfterSpace() && append((byte) '}') && append((byte) '\n');
  }

  @Override
  void writeTo(OutputStream out) throws IOException {
    out.write(line, 0, length);
  }

  @Override
  void startMap() {
    append((byte) '{');
  }

  @Override
  void endMap() {
    append((byte) '}');
  }

  @Override
  void startList() {
    append((byte) '[');
  }

  @Override
  void endList() {
    append((byte) ']');
  }

  @Override
  void startSet(byte type) {
    append(SET_ANNOTATIONS[type == 'S' ? 0 : type == 'N' ? 1 : 2]);
  }

  @Override
  void separator() {
    append((byte) ',');
  }

  @Override
  void nameEnd() {
    append((byte) ':');
  }

  @Override
  long string() {
    return text('"');
  }

  @Override
  void bool(boolean value) {
    append(value ? TRUE : FALSE);
  }

  @Override
  void nul() {
    append(NULL);
  }

  /**
   * A field name: as it is when it is an identifier that is no keyword, else as a quoted symbol.
   * Returns its UTF-8 length, or -1.
   */
  @Override
  long name() {
    if (!skipSpaceTo('"')) {
      return -1;
    }
    int start = at + 1;
    int stop = start;
    boolean identifier = true;
    while (stop < end && in[stop] != '"') {
      if (in[stop] == '\\') {
        return -1;
      }
      identifier &= IDENTIFIER_PART[in[stop] & 0xff];
      stop++;
    }
    if (stop == end || stop == start) {
      return -1;
    }
    if (identifier && IDENTIFIER_START[in[start] & 0xff] && !isKeyword(start, stop)) {
      append(in, start, stop - start);
      at = stop + 1;
      return stop - start;
    }
    return text('\'');
  }

  /** Ion's keywords, and symbol IDs ({@code $} and digits), which a symbol must quote. */
  private boolean isKeyword(int start, int stop) {
    for (var keyword : KEYWORDS) {
      if (Arrays.equals(in, start, stop, keyword, 0, keyword.length)) {
        return true;
      }
    }
    if (in[start] != '$' || stop - start < 2) {
      return false;
    }
    for (int i = start + 1; i < stop; i++) {
      if (in[i] < '0' || in[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The JSON string at the reading position as Ion text between {@code quote}s: a string's
   * ({@code "}) or a quoted symbol's ({@code '}). Returns the UTF-8 length of its value, or -1.
   */
  private long text(char quote) {
    if (!skipSpaceTo('"')) {
      return -1;
    }
    at++;
    append((byte) quote);
    long bytes = 0;
    while (at < end) {
      int run = at;
      while (run < end && isPlain(in[run], quote)) {
        run++;
      }
      if (run > at) {
        append(in, at, run - at);
        bytes += run - at;
        at = run;
        continue;
      }
      int b = in[at] & 0xff;
      int codePoint;
      if (b == '"') {
        at++;
        append((byte) quote);
        return bytes;
      } else if (b == '\\') {
        codePoint = unescape();
      } else if (b < 0x80) {
        codePoint = b < 0x20 ? -1 : b;
        at++;
      } else {
        int sequence = utf8SequenceLength(b);
        if (sequence < 0) {
          return -1;
        }
        if (b != 0xc2 || (in[at + 1] & 0xff) >= 0xa0) {
          append(in, at, sequence);
          at += sequence;
          bytes += sequence;
          continue;
        }
        codePoint = in[at + 1] & 0xff;
        at += 2;
      }
      if (codePoint < 0) {
        return -1;
      }
      bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      appendCodePoint(codePoint, quote);
    }
    return -1;
  }

  /** ASCII that Ion writes as it is between {@code quote}s. */
  private static boolean isPlain(byte b, char quote) {
    return b >= 0x20 && b < 0x7f && b != '"' && b != '\\' && b != quote;
  }

  private void appendCodePoint(int codePoint, char quote) {
    if (codePoint < ESCAPES.length && ESCAPES[codePoint] != null) {
      append(ESCAPES[codePoint]);
    } else if (codePoint == quote || codePoint == '\\') {
      append((byte) '\\');
      append((byte) codePoint);
    } else {
      appendUtf8(codePoint);
    }
  }

  /** The code point of the JSON escape at the reading position, read; or -1. */
  private int unescape() {
    if (end - at < 2) {
      return -1;
    }
    int escaped = in[at + 1];
    at += 2;
    return switch (escaped) {
      case '"', '\\', '/' -> escaped;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> -1;
    };
  }

  /** After {@code \\u}: its code point, with the low surrogate's escape when it is a high one. */
  private int unicodeEscape() {
    int unit = hexUnit(at, false);
    if (unit < 0 || Character.isLowSurrogate((char) unit)) {
      return -1;
    }
    at += 4;
    if (!Character.isHighSurrogate((char) unit)) {
      return unit;
    }
    if (end - at < 6 || in[at] != '\\' || in[at + 1] != 'u') {
      return -1;
    }
    int low = hexUnit(at + 2, false);
    if (low < 0 || !Character.isLowSurrogate((char) low)) {
      return -1;
    }
    at += 6;
    return Character.toCodePoint((char) unit, (char) low);
  }

  /** A number as Ion's decimal text; sized (and checked) by NumberText. */
  @Override
  boolean number() throws IOException {
    var number = readNumber();
    if (number == null) {
      return false;
    }
    if (number.isZero()) {
      return append(ZERO);
    }
    if (number.negative()) {
      append((byte) '-');
    }
    int count = significantDigits(number);
    int exponent = number.exponent();
    if (exponent == 0) {
      append(digits, 0, count);
      append((byte) '.');
    } else if (exponent > 0) {
      append(digits, 0, count);
      append((byte) 'd');
      appendInt(exponent);
    } else if (count + exponent > 0) {
      int whole = count + exponent;
      append(digits, 0, whole);
      append((byte) '.');
      append(digits, whole, count - whole);
    } else if (count + exponent > -6) {
      append(ZEROS, 0, 2 - exponent - count);
      append(digits, 0, count);
    } else {
      append(digits, 0, count);
      append((byte) 'd');
      appendInt(exponent);
    }
    return true;
  }

  /** Puts the number's significant digits in {@link #digits}; returns how many there are. */
  private int significantDigits(NumberText number) {
    if (digits.length < number.significantDigits()) {
      digits = new byte[Math.max(number.significantDigits(), 2 * digits.length)];
    }
    var text = number.text();
    int count = 0;
    for (int i = number.first(); i <= number.last(); i++) {
      if (text[i] != '.') {
        digits[count++] = text[i];
      }
    }
    return count;
  }

  private void appendInt(int value) {
    append(bytes(Integer.toString(value)));
  }

  /** A B value's canonical base64 as a blob; returns its byte count, or -1. */
  @Override
  long binary() {
    int start = readCanonicalBase64();
    if (start < 0) {
      return -1;
    }
    append(BLOB_START);
    append(in, start, at - 1 - start);
    append(BLOB_END);
    return base64Bytes(start, at - 1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private boolean append(byte b) {
    if (length == line.length) {
      line = Arrays.copyOf(line, 2 * line.length);
    }
    line[length++] = b;
    return true;
  }

  private boolean append(byte[] bytes) {
    append(bytes, 0, bytes.length);
    return true;
  }

  private void append(byte[] bytes, int offset, int count) {
    if (line.length - length < count) {
      line = Arrays.copyOf(line, Math.max(2 * line.length, length + count));
    }
    System.arraycopy(bytes, offset, line, length, count);
    length += count;
  }

  /** Appends the code point as UTF-8. */
  private void appendUtf8(int codePoint) {
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
