package dev.tableexport.runner.pitr;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's primary key as bytes that sort and compare equal exactly when the keys are equal:
 * numbers in canonical form (DynamoDB treats 1 and 1.0 as one key).
 */
public final class KeyBytes {

  private final List<String> keyAttributes;

  /** @param keyAttributes the hash key's name, then the range key's, if any */
  public KeyBytes(List<String> keyAttributes) {
    this.keyAttributes = keyAttributes;
  }

  /** The key attributes of an item (or of its keys alone), in key order. */
  public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> itemOrKeys) {
    var key = new LinkedHashMap<String, AttributeValue>();
    for (var name : keyAttributes) {
      key.put(name, itemOrKeys.get(name));
    }
    return key;
  }

  public byte[] of(Map<String, AttributeValue> itemOrKeys) {
    var bytes = new ByteArrayOutputStream(64);
    try (var out = new DataOutputStream(bytes)) {
      for (var name : keyAttributes) {
        var value = itemOrKeys.get(name);
        if (value == null) {
          throw new IllegalArgumentException("The item has no key attribute " + name);
        }
        byte[] data =
            switch (value.type()) {
              case S -> value.s().getBytes(StandardCharsets.UTF_8);
              case N -> canonical(value.n()).getBytes(StandardCharsets.US_ASCII);
              case B -> value.b().asByteArrayUnsafe();
              default -> throw new IllegalArgumentException("Key attribute " + name + " is " + value.type());
            };
        out.writeByte(value.type().ordinal());
        out.writeInt(data.length);
        out.write(data);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String canonical(String number) {
    var value = new BigDecimal(number);
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toString();
  }
}
