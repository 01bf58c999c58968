package dev.tableexport.runner.format;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size by DynamoDB's published item-size rules (Developer Guide, "Item sizes and
 * formats"): attribute names and string values count their UTF-8 bytes, binaries their raw bytes,
 * a number one byte per two significant digits plus one, a boolean or null one byte, and a list or
 * map three bytes plus one byte per element. DynamoDB calls its number rule approximate; this is the
 * billed-size figure of a full export.
 */
public final class ItemSize {

  private ItemSize() {}

  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (var attribute : item.entrySet()) {
      size += utf8Length(attribute.getKey()) + valueSize(attribute.getValue());
    }
    return size;
  }

  static long valueSize(AttributeValue value) {
    return switch (value.type()) {
      case S -> utf8Length(value.s());
      case N -> numberSize(value.n());
      case B -> value.b().asByteArrayUnsafe().length;
      case BOOL, NUL -> 1;
      case SS -> value.ss().stream().mapToLong(ItemSize::utf8Length).sum();
      case NS -> value.ns().stream().mapToLong(ItemSize::numberSize).sum();
      case BS -> value.bs().stream().mapToLong(ItemSize::binaryLength).sum();
      case L -> 3 + value.l().stream().mapToLong(element -> 1 + valueSize(element)).sum();
      case M -> 3 + of(value.m()) + value.m().size();
      case UNKNOWN_TO_SDK_VERSION -> 0;
    };
  }

  static long numberSize(String number) {
    var digits = new BigDecimal(number).stripTrailingZeros().unscaledValue().abs().toString();
    int significant = digits.equals("0") ? 1 : digits.length();
    return 1 + (significant + 1) / 2;
  }

  private static long binaryLength(SdkBytes bytes) {
    return bytes.asByteArrayUnsafe().length;
  }

  private static long utf8Length(String text) {
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
