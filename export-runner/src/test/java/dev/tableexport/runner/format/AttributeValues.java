package dev.tableexport.runner.format;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short builders for the attribute values of format tests. */
final class AttributeValues {

  private AttributeValues() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  static AttributeValue b(int... bytes) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(bytes(bytes)));
  }

  static AttributeValue bool(boolean value) {
    return AttributeValue.fromBool(value);
  }

  static AttributeValue nul() {
    return AttributeValue.fromNul(true);
  }

  static AttributeValue ss(String... values) {
    return AttributeValue.fromSs(List.of(values));
  }

  static AttributeValue ns(String... values) {
    return AttributeValue.fromNs(List.of(values));
  }

  static AttributeValue bs(byte[]... values) {
    return AttributeValue.fromBs(Arrays.stream(values).map(SdkBytes::fromByteArray).toList());
  }

  static AttributeValue l(AttributeValue... values) {
    return AttributeValue.fromL(List.of(values));
  }

  static AttributeValue m(Object... namesAndValues) {
    return AttributeValue.fromM(item(namesAndValues));
  }

  /** An item with its attributes in the order given: name, value, name, value, ... */
  static Map<String, AttributeValue> item(Object... namesAndValues) {
    var item = new LinkedHashMap<String, AttributeValue>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
    }
    return item;
  }

  static byte[] bytes(int... values) {
    var bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
