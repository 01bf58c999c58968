package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.ItemSize;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Full exports of tables of every shape, in both formats, read back and compared with the table. */
class FullExportIT {

  private static final String BUCKET = "exports";
  /** Data files end between pages: pages of 100 items let a small table fill several. */
  private static final ExportPipeline.Settings SMALL_FILES =
      new ExportPipeline.Settings(4, 2, 2, 64 * 1024, 100, 4);

  private static LocalEnvironment local;
  private static ExportService service;

  @BeforeAll
  static void startServersAndCreateTables() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    var dynamo = local.dynamo();
    TestTables.createHashOnly(dynamo, "hash-string", ScalarAttributeType.S, 300);
    TestTables.createHashOnly(dynamo, "hash-number", ScalarAttributeType.N, 200);
    TestTables.createHashOnly(dynamo, "hash-binary", ScalarAttributeType.B, 200);
    TestTables.createSample(dynamo, "hash-and-range", 2_000);
    TestTables.createHashOnly(dynamo, "empty", ScalarAttributeType.S, 0);
    TestTables.createHashOnly(dynamo, "large-items", ScalarAttributeType.S, 0);
    TestTables.put(dynamo, "large-items", 4, FullExportIT::nearlyMaximalItem);
    service = new ExportService(dynamo, local.s3(), SMALL_FILES, Clock.systemUTC());
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  static Stream<Arguments> tablesAndFormats() {
    return Stream.of("hash-string", "hash-number", "hash-binary", "hash-and-range", "empty", "large-items")
        .flatMap(table -> Stream.of(ExportFormat.values()).map(format -> Arguments.of(table, format)));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("tablesAndFormats")
  void exportHoldsExactlyTheTablesItems(String table, ExportFormat format) {
    var source = TestTables.scan(local.dynamo(), table);

    var description = service.export(request(table, format, null));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals(source.size(), description.itemCount());
    assertEquals(source.stream().mapToLong(ItemSize::of).sum(), description.billedSizeBytes());
    assertNotNull(description.tableId());
    assertEquals(format.name(), description.exportFormat());
    assertEquals("FULL_EXPORT", description.exportType());
    assertTrue(!description.exportTime().isAfter(description.endTime()));
    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    assertEquals(CanonicalItems.multiset(source), CanonicalItems.multiset(stored.items()));
  }

  @Test
  void smallDataFileLimitSplitsTheExportIntoSeveralFiles() {
    var description = service.export(request("hash-and-range", ExportFormat.DYNAMODB_JSON, null));

    var files = new StoredExport(local.s3(), BUCKET, description).files();
    assertTrue(files.size() > 2, "expected several data files, got " + files.size());
  }

  @Test
  void emptyTableGetsOneEmptyDataFile() {
    var description = service.export(request("empty", ExportFormat.DYNAMODB_JSON, null));

    var files = new StoredExport(local.s3(), BUCKET, description).files();
    assertEquals(1, files.size());
    assertEquals(0, files.getFirst().get("itemCount").asLong());
    assertEquals("FjvgqIxwymKf1RbbqtrZag==", files.getFirst().get("md5Checksum").asText());
    assertEquals("7deb4078f238dd87d6af0538152c04e9-1", files.getFirst().get("etag").asText());
  }

  @Test
  void noPrefixStartsKeysAtAwsDynamoDbAndRecordsNull() {
    var description = service.export(request("hash-string", ExportFormat.ION, null));

    var stored = new StoredExport(local.s3(), BUCKET, description);
    assertTrue(description.exportManifest().startsWith("AWSDynamoDB/" + exportId(description) + "/"));
    assertTrue(stored.summary().get("s3Prefix").isNull());
    assertTrue(stored.summary().get("s3SseKmsKeyId").isNull());
    assertEquals("AES256", stored.summary().get("s3SseAlgorithm").asText());
  }

  @Test
  void prefixIsInEveryKeyAndTheSummary() {
    var description = service.export(request("hash-string", ExportFormat.DYNAMODB_JSON, "team/daily"));

    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    assertEquals("team/daily/AWSDynamoDB/" + exportId(description) + "/manifest-summary.json",
        description.exportManifest());
    assertEquals("team/daily", stored.summary().get("s3Prefix").asText());
    stored.files().forEach(file ->
        assertTrue(file.get("dataFileS3Key").asText().startsWith("team/daily/AWSDynamoDB/")));
  }

  @Test
  void prefixEndingInSlashGivesNoDoubleSlash() {
    var description = service.export(request("hash-string", ExportFormat.DYNAMODB_JSON, "team/"));

    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    assertTrue(stored.keysUnder("team/").stream().noneMatch(key -> key.contains("//")));
    assertEquals("team/AWSDynamoDB/" + exportId(description) + "/manifest-summary.json",
        description.exportManifest());
  }

  @Test
  void exportArnAndIdAreFormedAsDynamoDbFormsThem() {
    var description = service.export(request("hash-string", ExportFormat.DYNAMODB_JSON, null));

    var id = exportId(description);
    assertTrue(id.matches("\\d{14}-[0-9a-f]{8}"), id);
    assertEquals(description.startTime().toEpochMilli(), Long.parseLong(id.substring(0, 14)));
    assertEquals(TestTables.arn("hash-string").arn() + "/export/" + id, description.exportArn());
  }

  static ExportRequest request(String table, ExportFormat format, String prefix) {
    return new ExportRequest(TestTables.arn(table), BUCKET, prefix, null, null, null, format,
        ExportType.FULL_EXPORT, null, null, null, null);
  }

  private static String exportId(ExportDescription description) {
    return description.exportArn().substring(description.exportArn().lastIndexOf('/') + 1);
  }

  /** Items close to DynamoDB's 400 KB limit: a large string, or a large binary. */
  private static Map<String, AttributeValue> nearlyMaximalItem(int index) {
    var id = AttributeValue.fromS("large-" + index);
    if (index % 2 == 0) {
      return Map.of("id", id, "text", AttributeValue.fromS("ä€😀x".repeat(38_000)));
    }
    var bytes = new byte[390_000];
    new java.util.Random(index).nextBytes(bytes);
    return Map.of("id", id, "blob", AttributeValue.fromB(SdkBytes.fromByteArray(bytes)));
  }
}
