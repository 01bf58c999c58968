package dev.tableexport.operator.engine;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.TableArn;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Step 2 of an export: the table exists on its endpoint. */
public class TableLookup {

  private final DynamoDbClient dynamo;

  public TableLookup(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Empty when the table is there; other errors (endpoint down) are thrown, to be retried. */
  public Optional<ExportFailure> check(String tableArn) {
    var tableName = TableArn.tableNameOf(tableArn);
    try {
      dynamo.describeTable(describe -> describe.tableName(tableName));
      return Optional.empty();
    } catch (ResourceNotFoundException e) {
      return Optional.of(new ExportFailure(FailureCodes.TABLE_NOT_FOUND,
          "Table not found: " + tableName + ". Check spec.tableArn, and the operator's DynamoDB"
              + " endpoint and region."));
    }
  }
}
