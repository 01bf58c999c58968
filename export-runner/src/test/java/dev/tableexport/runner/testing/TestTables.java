package dev.tableexport.runner.testing;

import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.SampleTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables of several shapes for export tests, and a plain scan to compare exports with. */
public final class TestTables {

  private TestTables() {}

  public static TableArn arn(String tableName) {
    return TableArn.parse(LocalDynamoDb.tableArn(tableName)).orElseThrow();
  }

  /** A table with a single hash key of the given type, filled with sample items keyed by index. */
  public static void createHashOnly(
      DynamoDbClient dynamo, String name, ScalarAttributeType keyType, int items) {
    dynamo.createTable(
        create ->
            create
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder().attributeName("id").attributeType(keyType).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    put(dynamo, name, items, index -> {
      var item = new HashMap<>(SampleTable.item(index));
      item.remove("pk");
      item.remove("sk");
      item.put("id", key(keyType, index));
      return item;
    });
  }

  public static void createSample(DynamoDbClient dynamo, String name, int items)
      throws InterruptedException {
    SampleTable.create(dynamo, name);
    SampleTable.fill(dynamo, name, items);
  }

  public static void put(
      DynamoDbClient dynamo, String name, int count, IntFunction<Map<String, AttributeValue>> items) {
    for (int i = 0; i < count; i++) {
      var item = items.apply(i);
      dynamo.putItem(put -> put.tableName(name).item(item));
    }
  }

  public static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String name) {
    var items = new ArrayList<Map<String, AttributeValue>>();
    dynamo.scanPaginator(scan -> scan.tableName(name).consistentRead(true)).items().forEach(items::add);
    return items;
  }

  private static AttributeValue key(ScalarAttributeType type, int index) {
    return switch (type) {
      case S -> AttributeValue.fromS("id-" + index);
      case N -> AttributeValue.fromN(index % 2 == 0 ? Integer.toString(index) : "-" + index + ".25");
      case B -> AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) index, (byte) (index >> 8), 0, -1}));
      default -> throw new IllegalArgumentException("not a key type: " + type);
    };
  }
}
