package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size by DynamoDB's published item-size rules (Developer Guide, "Item sizes and
 * formats"): attribute names and string values count their UTF-8 bytes, binaries their raw bytes,
 * a number one byte per two significant digits plus one, a boolean or null one byte, and a list or
 * map three bytes plus one byte per element. DynamoDB calls its number rule approximate; this is the
 * billed-size figure of a full export.
 *
 * <p>It counts while the item is written: it passes every event on to the writer it wraps, so an
 * item read from a Scan response is sized in the same pass that encodes it.
 */
public final class ItemSize implements AttributeWriter {

  private final AttributeWriter target;
  private long size;
  /** How many M and L values enclose the current one: their elements count a byte each. */
  private int depth;
  private boolean inSet;

  /** @param target where the events go on to; null to count only */
  ItemSize(AttributeWriter target) {
    this.target = target;
  }

  public static long of(Map<String, AttributeValue> item) {
    var size = new ItemSize(null);
    try {
      size.attributes(item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return size.size;
  }

  static long valueSize(AttributeValue value) {
    return of(Map.of("", value));
  }

  static long numberSize(String number) throws IOException {
    var chars = number.toCharArray();
    return NumberText.parse(chars, 0, chars.length).billedSize();
  }

  long size() {
    return size;
  }

  private void value(long bytes) {
    size += bytes;
    if (depth > 0 && !inSet) {
      size++;
    }
  }

  @Override
  public void startAttributes() throws IOException {
    if (target != null) {
      target.startAttributes();
    }
  }

  @Override
  public void endAttributes() throws IOException {
    if (target != null) {
      target.endAttributes();
    }
  }

  @Override
  public void name(String name) throws IOException {
    size += utf8Length(name);
    if (target != null) {
      target.name(name);
    }
  }

  @Override
  public void startMap() throws IOException {
    value(3);
    depth++;
    if (target != null) {
      target.startMap();
    }
  }

  @Override
  public void endMap() throws IOException {
    depth--;
    if (target != null) {
      target.endMap();
    }
  }

  @Override
  public void startList() throws IOException {
    value(3);
    depth++;
    if (target != null) {
      target.startList();
    }
  }

  @Override
  public void endList() throws IOException {
    depth--;
    if (target != null) {
      target.endList();
    }
  }

  @Override
  public void startSet(SetType type) throws IOException {
    value(0);
    inSet = true;
    if (target != null) {
      target.startSet(type);
    }
  }

  @Override
  public void endSet() throws IOException {
    inSet = false;
    if (target != null) {
      target.endSet();
    }
  }

  @Override
  public void string(char[] text, int offset, int length) throws IOException {
    value(utf8Length(CharBuffer.wrap(text, offset, length)));
    if (target != null) {
      target.string(text, offset, length);
    }
  }

  @Override
  public void number(char[] text, int offset, int length, NumberText number) throws IOException {
    value(number.billedSize());
    if (target != null) {
      target.number(text, offset, length, number);
    }
  }

  @Override
  public void binary(byte[] bytes) throws IOException {
    value(bytes.length);
    if (target != null) {
      target.binary(bytes);
    }
  }

  @Override
  public void bool(boolean value) throws IOException {
    value(1);
    if (target != null) {
      target.bool(value);
    }
  }

  @Override
  public void nul() throws IOException {
    value(1);
    if (target != null) {
      target.nul();
    }
  }

  private static long utf8Length(CharSequence text) {
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
