package dev.tableexport.runner.testing;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A canonical text of an item, so that items decoded from either format compare with a scan of the
 * table: attributes sorted by name, sets sorted, numbers compared by value.
 */
public final class CanonicalItems {

  private CanonicalItems() {}

  /** The items as a sorted list of canonical texts: equal lists mean equal multisets. */
  public static List<String> multiset(List<Map<String, AttributeValue>> items) {
    return items.stream().map(CanonicalItems::text).sorted().toList();
  }

  public static String text(Map<String, AttributeValue> item) {
    var sorted = new TreeMap<String, String>();
    item.forEach((name, value) -> sorted.put(name, text(value)));
    return sorted.toString();
  }

  private static String text(AttributeValue value) {
    return switch (value.type()) {
      case S -> "S:" + value.s();
      case N -> "N:" + number(value.n());
      case B -> "B:" + base64(value.b());
      case BOOL -> "BOOL:" + value.bool();
      case NUL -> "NULL";
      case SS -> "SS:" + value.ss().stream().sorted().toList();
      case NS -> "NS:" + value.ns().stream().map(CanonicalItems::number).sorted().toList();
      case BS -> "BS:" + value.bs().stream().map(CanonicalItems::base64).sorted().toList();
      case M -> "M:" + text(value.m());
      case L -> "L:" + value.l().stream().map(CanonicalItems::text).toList();
      case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown type");
    };
  }

  private static String number(String n) {
    var value = new BigDecimal(n);
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toString();
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
