package dev.tableexport.runner.local;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A sample table of customer orders (hash key {@code pk}, range key {@code sk}) whose items mix
 * every attribute type: unicode strings, numbers with decimals, exponents and 38 digits, binaries,
 * the three sets, nested maps and lists, booleans and nulls. Items are deterministic by index.
 */
public final class SampleTable {

  private static final String[] NAMES = {
    "Ada Lovelace", "Zoë Saldaña", "José Martí", "李雷", "Ørjan Åsheim", "Ｍｉｋｕ", "O'Brien \"Ob\"", "😀 Emoji"
  };
  private static final String[] TAGS = {"new", "vip", "gift", "express", "returned", "b2b"};

  /** The hash key's name, then the range key's. */
  public static final List<String> KEY_ATTRIBUTES = List.of("pk", "sk");

  private SampleTable() {}

  public static void create(DynamoDbClient dynamo, String tableName) {
    dynamo.createTable(
        create ->
            create
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                    AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
  }

  public static Map<String, AttributeValue> item(int index) {
    var random = new Random(index);
    var item = new HashMap<String, AttributeValue>();
    item.put("pk", s(String.format(Locale.ROOT, "customer#%06d", index / 10)));
    item.put("sk", n(Integer.toString(index)));
    item.put("customer", s(NAMES[index % NAMES.length]));
    item.put("total", n(random.nextInt(100_000) + "." + String.format(Locale.ROOT, "%02d", random.nextInt(100))));
    item.put("weightKg", n((1 + random.nextInt(9)) + "E-" + (1 + random.nextInt(3))));
    item.put("serial", n("12345678901234567890123456789012345678"));
    item.put("receipt", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(random, 48))));
    item.put("tags", AttributeValue.fromSs(List.of(TAGS[index % TAGS.length], TAGS[(index + 1) % TAGS.length])));
    item.put("ratings", AttributeValue.fromNs(List.of("1", "4.5", Integer.toString(5 + index % 3))));
    item.put("signatures", AttributeValue.fromBs(List.of(
        SdkBytes.fromByteArray(bytes(random, 8)), SdkBytes.fromByteArray(bytes(random, 12)))));
    item.put("shipping", AttributeValue.fromM(Map.of(
        "street", s(random.nextInt(999) + " Main St"),
        "zip", n(Integer.toString(10_000 + random.nextInt(89_999))),
        "geo", AttributeValue.fromM(Map.of("lat", n("52.5200"), "lon", n("-13.4050"))))));
    item.put("lines", AttributeValue.fromL(List.of(
        AttributeValue.fromM(Map.of("sku", s("SKU-" + random.nextInt(1000)), "qty", n("2"))),
        s("gift wrap"),
        n("3"),
        AttributeValue.fromBool(random.nextBoolean()),
        AttributeValue.fromL(List.of()))));
    item.put("express", AttributeValue.fromBool(index % 3 == 0));
    if (index % 5 == 0) {
      item.put("cancelledAt", AttributeValue.fromNul(true));
    }
    return item;
  }

  /** Writes the sample items {@code 0..count-1}. */
  public static void fill(DynamoDbClient dynamo, String tableName, int count)
      throws InterruptedException {
    BatchLoader.load(dynamo, tableName, count, SampleTable::item);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static byte[] bytes(Random random, int length) {
    var bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
