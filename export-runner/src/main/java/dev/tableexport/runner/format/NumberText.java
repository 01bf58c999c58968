package dev.tableexport.runner.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A DynamoDB number's text ({@code -12.50E+3}) read without BigDecimal, which cost a fifth of an
 * export's CPU: its significant digits, from the first non-zero digit to the last (the decimal
 * point left out), and the power of ten of the last one. That is all the billed size needs (a byte
 * per two significant digits) and what Ion's decimal text is made of. Accepts what {@code new
 * BigDecimal(String)} accepts.
 *
 * @param text the number's characters (ASCII); {@code first} and {@code last} index into them
 * @param first where the first significant digit is, or -1 for zero
 * @param last where the last significant digit is, or -1 for zero
 * @param significantDigits how many significant digits there are; 0 for zero
 * @param exponent the power of ten of the last significant digit; 0 for zero
 */
record NumberText(
    byte[] text, boolean negative, int first, int last, int significantDigits, int exponent) {

  /** DynamoDB's numbers stay within 10^-130 and 10^126; this only keeps the arithmetic in range. */
  private static final int MAX_EXPONENT = 100_000_000;

  /** The number whose text is the {@code length} characters at {@code offset}. */
  static NumberText parse(char[] text, int offset, int length) throws IOException {
    var ascii = new byte[length];
    for (int i = 0; i < length; i++) {
      char c = text[offset + i];
      ascii[i] = c < 0x80 ? (byte) c : 0x7f; // no number holds U+007F
    }
    var number = parseOrNull(ascii, 0, length);
    if (number == null) {
      throw invalid(new String(text, offset, length));
    }
    return number;
  }

  /** The number whose text is the {@code length} bytes of UTF-8 at {@code offset}. */
  static NumberText parse(byte[] text, int offset, int length) throws IOException {
    var number = parseOrNull(text, offset, length);
    if (number == null) {
      throw invalid(new String(text, offset, length, StandardCharsets.UTF_8));
    }
    return number;
  }

  private static NumberText parseOrNull(byte[] text, int offset, int length) {
    int end = offset + length;
    int i = offset;
    boolean negative = false;
    if (i < end && (text[i] == '-' || text[i] == '+')) {
      negative = text[i] == '-';
      i++;
    }
    int digits = 0;
    int digitsBeforePoint = -1;
    int first = -1;
    int firstIndex = -1;
    int last = -1;
    int lastIndex = -1;
    for (; i < end; i++) {
      byte c = text[i];
      if (c >= '0' && c <= '9') {
        if (c != '0') {
          if (first < 0) {
            first = i;
            firstIndex = digits;
          }
          last = i;
          lastIndex = digits;
        }
        digits++;
      } else if (c == '.' && digitsBeforePoint < 0) {
        digitsBeforePoint = digits;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return null;
    }
    if (digitsBeforePoint < 0) {
      digitsBeforePoint = digits;
    }
    long explicitExponent = 0;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (text[i] == '-' || text[i] == '+')) {
        negativeExponent = text[i] == '-';
        i++;
      }
      int exponentStart = i;
      for (; i < end && text[i] >= '0' && text[i] <= '9'; i++) {
        explicitExponent = Math.min(10L * explicitExponent + (text[i] - '0'), MAX_EXPONENT);
      }
      if (i == exponentStart) {
        return null;
      }
      explicitExponent = negativeExponent ? -explicitExponent : explicitExponent;
    }
    if (i != end || Math.abs(explicitExponent) >= MAX_EXPONENT) {
      return null;
    }
    if (first < 0) {
      return new NumberText(text, negative, -1, -1, 0, 0);
    }
    int exponent = (int) (digitsBeforePoint - 1 - lastIndex + explicitExponent);
    return new NumberText(text, negative, first, last, lastIndex - firstIndex + 1, exponent);
  }

  boolean isZero() {
    return first < 0;
  }

  /** Bytes DynamoDB bills for the number: one per two significant digits, plus one. */
  int billedSize() {
    return 1 + (Math.max(1, significantDigits) + 1) / 2;
  }

  /** The significant digits as an unscaled value, when they fit a long. */
  boolean fitsLong() {
    return significantDigits <= 18;
  }

  long unscaledLong() {
    long value = 0;
    for (int i = first; i <= last; i++) {
      if (text[i] != '.') {
        value = 10 * value + (text[i] - '0');
      }
    }
    return negative ? -value : value;
  }

  /** The significant digits, sign first when negative: BigDecimal's unscaled value. */
  String unscaledText() {
    var digits = new StringBuilder(significantDigits + 1);
    if (negative) {
      digits.append('-');
    }
    for (int i = first; i <= last; i++) {
      if (text[i] != '.') {
        digits.append((char) text[i]);
      }
    }
    return digits.toString();
  }

  private static IOException invalid(String text) {
    return new IOException(
        "The table returned \"" + text + "\" as a number (N), which is"
            + " not one");
  }
}
