package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableArnTest {

  @Test
  void parsesAnAwsTableArn() {
    var arn = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";

    assertEquals(
        Optional.of(new TableArn(arn, "aws", "us-east-1", "123456789012", "Orders")),
        TableArn.parse(arn));
  }

  @Test
  void parsesDynamoDbLocalsArn() {
    var arn =
        TableArn.parse("arn:aws:dynamodb:ddblocal:000000000000:table/demo-orders").orElseThrow();

    assertEquals("ddblocal", arn.region());
    assertEquals("000000000000", arn.accountId());
    assertEquals("demo-orders", arn.tableName());
  }

  @Test
  void parsesOtherPartitions() {
    var china =
        TableArn.parse("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/T_1.x").orElseThrow();
    var govCloud =
        TableArn.parse("arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/abc")
            .orElseThrow();

    assertEquals("aws-cn", china.partition());
    assertEquals("cn-north-1", china.region());
    assertEquals("T_1.x", china.tableName());
    assertEquals("aws-us-gov", govCloud.partition());
    assertEquals("us-gov-west-1", govCloud.region());
    assertEquals("abc", govCloud.tableName());
  }

  @Test
  void tableNamesOfThreeTo255Characters() {
    var prefix = "arn:aws:dynamodb:us-east-1:123456789012:table/";

    assertEquals("abc", TableArn.parse(prefix + "abc").orElseThrow().tableName());
    assertEquals(255, TableArn.parse(prefix + "t".repeat(255)).orElseThrow().tableName().length());
    assertTrue(TableArn.parse(prefix + "t".repeat(256)).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:dynamodb:us-east-1:123456789012:table/ab",
        "arn:aws:dynamodb:us-east-1:123456789012:table/",
        "arn:aws:dynamodb:us-east-1:123456789012:Orders",
        "arn:aws:dynamodb:us-east-1:123456789012:index/Orders",
        "arn:aws:s3:us-east-1:123456789012:table/Orders",
        "arn:aws:dynamodb:us-east-1:12345678901:table/Orders",
        "arn:aws:dynamodb:us-east-1:1234567890123:table/Orders",
        "arn:aws:dynamodb::123456789012:table/Orders",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-01-14T10:00:00.000",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Or ders",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Orders#1",
        "Orders",
        ""
      })
  void rejects(String arn) {
    assertTrue(TableArn.parse(arn).isEmpty(), arn);
  }

  @Test
  void rejectsNull() {
    assertTrue(TableArn.parse(null).isEmpty());
  }

  @Test
  void expectedFormNamesTheParts() {
    assertEquals(
        "arn:aws:dynamodb:<region>:<12-digit account>:table/<table name>", TableArn.expectedForm());
  }

  @Test
  void aClaimedArnContradictsTheTablesRealRegionAndAccount() {
    var claimed = TableArn.parse("arn:aws:dynamodb:eu-west-1:999999999999:table/orders").orElseThrow();
    var own = TableArn.parse("arn:aws:dynamodb:us-east-1:123456789012:table/orders").orElseThrow();

    assertEquals(
        Optional.of("region eu-west-1 is not the table's us-east-1, account 999999999999 is not the"
            + " table's 123456789012"),
        claimed.contradiction(own));
    assertEquals(Optional.empty(), own.contradiction(own));
  }

  @Test
  void placeholdersContradictNothing() {
    var claimed = TableArn.parse("arn:aws:dynamodb:eu-west-1:999999999999:table/orders").orElseThrow();
    var dynamoDbLocal = TableArn.parse("arn:aws:dynamodb:ddblocal:000000000000:table/orders").orElseThrow();
    var localStack = TableArn.parse("arn:aws:dynamodb:us-east-1:000000000000:table/orders").orElseThrow();

    assertEquals(Optional.empty(), claimed.contradiction(dynamoDbLocal));
    assertEquals(Optional.of("region eu-west-1 is not the table's us-east-1"),
        claimed.contradiction(localStack));
  }
}
