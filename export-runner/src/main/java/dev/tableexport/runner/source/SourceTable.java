package dev.tableexport.runner.source;

import dev.tableexport.contract.TableArn;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The table being exported, as DescribeTable reports it.
 *
 * @param arn the ARN the caller named the table by
 * @param ownArn the table's ARN as DescribeTable reports it, when it reports one
 * @param keyAttributes the hash key's name, then the range key's, if any
 * @param sizeBytes DescribeTable's TableSizeBytes (updated about every six hours; 0 if unknown)
 * @param itemCount DescribeTable's ItemCount, as approximate
 */
public record SourceTable(TableArn arn, Optional<TableArn> ownArn, String tableId,
    List<String> keyAttributes, long sizeBytes, long itemCount) {

  /**
   * Describes the table; throws the SDK's {@code ResourceNotFoundException} when it is missing.
   * DynamoDB Local reports no TableId, so one is derived from the table's own ARN and creation
   * time: stable for the table whatever ARN names it, new when it is re-created, as DynamoDB's is.
   */
  public static SourceTable describe(DynamoDbClient dynamo, TableArn arn) {
    var table = dynamo.describeTable(describe -> describe.tableName(arn.tableName())).table();
    var ownArn = TableArn.parse(table.tableArn());
    var tableId = table.tableId();
    if (tableId == null || tableId.isEmpty()) {
      var identity = ownArn.orElse(arn).arn() + "@" + table.creationDateTime();
      tableId = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
    var keyAttributes =
        table.keySchema().stream()
            .sorted(Comparator.comparing(key -> key.keyType() == KeyType.HASH ? 0 : 1))
            .map(KeySchemaElement::attributeName)
            .toList();
    return new SourceTable(arn, ownArn, tableId, keyAttributes,
        table.tableSizeBytes() == null ? 0 : table.tableSizeBytes(),
        table.itemCount() == null ? 0 : table.itemCount());
  }

  /** How the ARN the caller gave contradicts the table's own, when the store reports a real one. */
  public Optional<String> arnContradiction() {
    return ownArn.flatMap(arn::contradiction);
  }
}
