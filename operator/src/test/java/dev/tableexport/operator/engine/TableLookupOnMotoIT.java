package dev.tableexport.operator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.operator.moto.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The table check gives DescribeTable's size, which decides whether an export runs C1 only. */
class TableLookupOnMotoIT {

  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/";

  @Test
  void anExistingTableGivesItsItemCountAndSizeAMissingOneAFailure() throws Exception {
    try (var moto = MotoServer.start();
        var dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIATABLELOOKUP", "secret")))
            .build()) {
      MotoServer.createTableWithPitr(dynamo, "orders");
      for (var id : new String[] {"a", "b", "c"}) {
        dynamo.putItem(put -> put.tableName("orders")
            .item(Map.of("id", AttributeValue.fromS(id))));
      }
      var lookup = new TableLookup(dynamo);

      var found = lookup.check(ARN + "orders");
      var missing = lookup.check(ARN + "missing");

      assertTrue(found.failure().isEmpty(), found.toString());
      assertEquals(3, found.size().items());
      // moto gives TableSizeBytes 0, so only the count is checked.
      assertNull(missing.size());
      assertEquals(FailureCodes.TABLE_NOT_FOUND, missing.failure().orElseThrow().code());
    }
  }
}
