package dev.tableexport.runner.source;

import dev.tableexport.runner.format.WireItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The items of one Scan response, as the JSON they came in: {@link WireItemsInterceptor} fills it
 * from the response's body, and hands the SDK the rest of the body (Count, LastEvaluatedKey,
 * ConsumedCapacity, ...), which it unmarshals as usual. Items are only delimited here, by a scan
 * of the bytes for brackets outside strings, not parsed: that cost as much as parsing them, and
 * the encoder that writes an item parses it, and refuses it when it is not JSON.
 */
public final class WireScanPage {

  private static final byte[] ITEMS = "\"Items\"".getBytes(StandardCharsets.US_ASCII);
  /** What each byte is to {@link #skipValue}: one look-up per byte instead of six comparisons. */
  private static final byte[] KIND = new byte[256];
  private static final byte QUOTE = 1;
  private static final byte OPEN = 2;
  private static final byte CLOSE = 3;
  private static final byte DELIMITER = 4;

  static {
    KIND['"'] = QUOTE;
    KIND['{'] = OPEN;
    KIND['['] = OPEN;
    KIND['}'] = CLOSE;
    KIND[']'] = CLOSE;
    for (var delimiter : new char[] {',', ' ', '\n', '\r', '\t'}) {
      KIND[delimiter] = DELIMITER;
    }
  }

  private volatile List<WireItem> items;

  /** The items of the response; null until a response has been read. */
  public List<WireItem> items() {
    return items;
  }

  /**
   * Takes the items out of a Scan response's body and returns the rest of it. A retried request
   * reads its response again, and the last one read is the one the SDK returned.
   */
  byte[] split(byte[] body) throws IOException {
    var items = new ArrayList<WireItem>();
    var rest = new ByteArrayOutputStream(256);
    rest.write('{');
    int i = expect(body, skipSpace(body, 0), '{');
    i = skipSpace(body, i);
    boolean first = true;
    while (i < body.length && body[i] != '}') {
      int nameStart = i;
      int nameEnd = skipString(body, i);
      int valueStart = skipSpace(body, expect(body, skipSpace(body, nameEnd), ':'));
      int valueEnd;
      if (Arrays.equals(body, nameStart, nameEnd, ITEMS, 0, ITEMS.length)) {
        valueEnd = items(body, valueStart, items);
      } else {
        valueEnd = skipValue(body, valueStart);
        if (!first) {
          rest.write(',');
        }
        rest.write(body, nameStart, valueEnd - nameStart);
        first = false;
      }
      i = skipSpace(body, valueEnd);
      if (i < body.length && body[i] == ',') {
        i = skipSpace(body, i + 1);
      }
    }
    expect(body, i, '}');
    rest.write('}');
    this.items = items;
    return rest.toByteArray();
  }

  /** The array of items at {@code i}; returns where it ends. */
  private static int items(byte[] body, int i, List<WireItem> items) throws IOException {
    i = skipSpace(body, expect(body, i, '['));
    while (i < body.length && body[i] != ']') {
      int end = skipValue(body, i);
      items.add(new WireItem(body, i, end - i));
      i = skipSpace(body, end);
      if (i < body.length && body[i] == ',') {
        i = skipSpace(body, i + 1);
      }
    }
    return expect(body, i, ']');
  }

  /** Where the JSON value at {@code i} ends: brackets are counted, strings skipped. */
  private static int skipValue(byte[] body, int i) throws IOException {
    int depth = 0;
    while (i < body.length) {
      switch (KIND[body[i] & 0xff]) {
        case QUOTE -> {
          i = skipString(body, i);
          if (depth == 0) {
            return i;
          }
          continue;
        }
        case OPEN -> depth++;
        case CLOSE -> {
          if (--depth == 0) {
            return i + 1;
          }
          if (depth < 0) {
            return i;
          }
        }
        case DELIMITER -> {
          if (depth == 0) {
            return i;
          }
        }
        default -> {}
      }
      i++;
    }
    throw truncated();
  }

  /** Where the string whose opening quote is at {@code i} ends, after its closing quote. */
  private static int skipString(byte[] body, int i) throws IOException {
    expect(body, i, '"');
    for (i++; i < body.length; i++) {
      byte b = body[i];
      if (b == '"') {
        return i + 1;
      }
      if (b == '\\') {
        i++;
      }
    }
    throw truncated();
  }

  private static int skipSpace(byte[] body, int i) {
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static int expect(byte[] body, int i, char expected) throws IOException {
    if (i >= body.length || body[i] != expected) {
      throw new IOException("A Scan response is not the JSON object DynamoDB sends: expected '"
          + expected + "' at byte " + i
          + (i < body.length ? ", found '" + (char) body[i] + "'" : ""));
    }
    return i + 1;
  }

  private static IOException truncated() {
    return new IOException("A Scan response ends before its JSON does");
  }
}
