package dev.tableexport.runner.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.format.DynamoDbJsonReader;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.WireItem;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.source.ParallelScan;
import dev.tableexport.runner.source.SourceTable;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.contract.TableArn;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The bench's stand-in source, through the runner's real client: scans page by page and segment by
 * segment as DynamoDB does, and what the runner reads from it as wire JSON encodes byte for byte as
 * what the SDK unmarshals from the same responses.
 */
class InMemoryDynamoDbTest {

  private static final String TABLE = "sample";
  /** About 1.3 MB of billed size: two 1 MB pages in one segment. */
  private static final int ITEMS = 4_000;

  private static InMemoryDynamoDb server;
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void start() throws Exception {
    server = InMemoryDynamoDb.start();
    server.addTable(TABLE, SampleTable.KEY_ATTRIBUTES, ITEMS, SampleTable::item);
    var settings = new AwsSettings(Region.of(LocalDynamoDb.REGION), server.endpoint(),
        server.endpoint(), server.endpoint(), LocalS3.credentials());
    dynamo = AwsClients.dynamoDb(settings, LocalDynamoDb.REGION);
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7})
  void aScanReadsEveryItemOnceInAnySegmentCount(int segments) throws Exception {
    var items = Collections.synchronizedList(new ArrayList<Map<String, AttributeValue>>());
    var pages = Collections.synchronizedList(new ArrayList<Integer>());

    new ParallelScan(dynamo, TABLE, segments, false).run(page -> {
      pages.add(page.size());
      for (var item : page) {
        items.add(parse(item));
      }
    });

    var expected = IntStream.range(0, ITEMS).mapToObj(SampleTable::item).toList();
    assertEquals(CanonicalItems.multiset(expected), CanonicalItems.multiset(items));
    if (segments == 1) {
      assertEquals(2, pages.size(), "1 MB pages: " + pages);
    }
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void wireItemsEncodeAsTheItemsTheSdkUnmarshalsFromTheSameResponses(ExportFormat format)
      throws Exception {
    var fromWire = new ByteArrayOutputStream();
    try (var encoder = format.openEncoder(fromWire)) {
      new ParallelScan(dynamo, TABLE, 1, false).run(page -> {
        for (var item : page) {
          try {
            encoder.writeItem(item);
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
        }
      });
    }
    var fromSdk = new ByteArrayOutputStream();
    try (var encoder = format.openEncoder(fromSdk)) {
      for (var item : dynamo.scanPaginator(scan -> scan.tableName(TABLE)).items()) {
        encoder.writeItem(item);
      }
    }

    assertEquals(fromSdk.toString(UTF_8), fromWire.toString(UTF_8));
  }

  @Test
  void describeTableReportsTheKeySchemaAndAnUnknownTableIsNotFound() {
    var table = SourceTable.describe(dynamo,
        TableArn.parse(LocalDynamoDb.tableArn(TABLE)).orElseThrow());

    assertEquals(List.of("pk", "sk"), table.keyAttributes());
    assertTrue(table.arnContradiction().isEmpty());
    assertThrows(ResourceNotFoundException.class,
        () -> dynamo.describeTable(describe -> describe.tableName("missing")));
  }

  private static Map<String, AttributeValue> parse(WireItem item) {
    try {
      return DynamoDbJsonReader.parseAttributes(
          new String(item.json(), item.offset(), item.length(), UTF_8));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
