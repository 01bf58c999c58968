package dev.tableexport.operator.engine;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.TableArn;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Step 2 of an export: the table exists on its endpoint. */
public class TableLookup {

  /**
   * What DescribeTable said: the table's size, or why it cannot be exported.
   *
   * @param size null when the table is not there, or DescribeTable gave no size
   */
  public record Result(TableSize size, Optional<ExportFailure> failure) {}

  private final DynamoDbClient dynamo;

  public TableLookup(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** The table's size, or a failure when it is not there; other errors are thrown (retried). */
  public Result check(String tableArn) {
    var tableName = TableArn.tableNameOf(tableArn);
    try {
      var table = dynamo.describeTable(describe -> describe.tableName(tableName)).table();
      var size = table.itemCount() == null || table.tableSizeBytes() == null ? null
          : new TableSize(table.itemCount(), table.tableSizeBytes());
      return new Result(size, Optional.empty());
    } catch (ResourceNotFoundException e) {
      return new Result(null, Optional.of(new ExportFailure(FailureCodes.TABLE_NOT_FOUND,
          "Table not found: " + tableName + ". Check spec.tableArn, and the operator's DynamoDB"
              + " endpoint and region.")));
    }
  }
}
