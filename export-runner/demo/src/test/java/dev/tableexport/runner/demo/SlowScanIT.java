package dev.tableexport.runner.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.RunnerExitCodes;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.source.ParallelScan;
import dev.tableexport.runner.source.ScanStart;
import dev.tableexport.runner.testing.RunnerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store whose Scan pages come back slowly (the bench's stand-in, each Scan answered late, many
 * at once): the scan adds segments read at once, and a read timeout names what timed out and the
 * setting to change.
 */
class SlowScanIT {

  private static final String TABLE = "slow-orders";
  private static final int ITEMS = 120;
  private static final Path RUNNER_JAR = Path.of("..", "target", "export-runner.jar");

  private InMemoryDynamoDb server;
  private DynamoDbClient dynamo;

  @BeforeEach
  void start() throws Exception {
    server = InMemoryDynamoDb.start();
    server.addTable(TABLE, SampleTable.KEY_ATTRIBUTES, ITEMS, SampleTable::item);
    var settings = new AwsSettings(Region.of(LocalDynamoDb.REGION), server.endpoint(),
        server.endpoint(), server.endpoint(), LocalS3.credentials());
    dynamo = AwsClients.dynamoDb(settings, LocalDynamoDb.REGION);
  }

  @AfterEach
  void stop() {
    dynamo.close();
    server.close();
  }

  @Test
  void slowPagesFromAStoreThatAnswersInParallelAddSegmentsReadAtOnce() throws Exception {
    server.delayScans(Duration.ofMillis(1_200));
    var seen = new BitSet();
    var twice = new BitSet();

    new ParallelScan(dynamo, TABLE, ScanStart.fromTheBeginning(40), null, 1, 6, false)
        .run((page, after) -> {
          synchronized (seen) {
            for (var item : page) {
              var json = new String(item.json(), item.offset(), item.length(), UTF_8);
              int index = Integer.parseInt(
                  json.replaceAll(".*\"sk\":\\{\"N\":\"(\\d+)\"}.*", "$1"));
              (seen.get(index) ? twice : seen).set(index);
            }
          }
        });

    assertEquals(ITEMS, seen.cardinality(), "every item read");
    assertTrue(twice.isEmpty(), "items read twice: " + twice);
    assertTrue(server.mostScansAtOnce() >= 3,
        "began with one segment at a time, read " + server.mostScansAtOnce() + " at most");
    assertTrue(server.mostScansAtOnce() <= 6, server.mostScansAtOnce() + " at once");
  }

  @Test
  void aReadTimeoutSaysThatDynamoDbDidNotAnswerInTimeAndWhichSettingToChange() throws Exception {
    server.delayScans(Duration.ofSeconds(3));
    try (var s3 = LocalS3.start(LocalS3.inMemoryStore())) {
      var bucket = "slow-exports";
      try (var client = S3Client.builder()
          .endpointOverride(s3.endpoint()).region(Region.of(LocalDynamoDb.REGION))
          .credentialsProvider(LocalS3.credentials()).forcePathStyle(true).build()) {
        client.createBucket(create -> create.bucket(bucket));
      }

      var run = RunnerProcess.run(RUNNER_JAR, List.of(), List.of("export",
              "--table-arn", LocalDynamoDb.tableArn(TABLE), "--s3-bucket", bucket,
              "--read-timeout", "PT1S", "--retry-attempts", "1"),
          Map.of("AWS_REGION", LocalDynamoDb.REGION,
              "AWS_ENDPOINT_URL_DYNAMODB", server.endpoint().toString(),
              "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
              "AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY_ID,
              "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_ACCESS_KEY),
          Duration.ofMinutes(2));

      assertEquals(RunnerExitCodes.TRANSIENT_FAILURE, run.exitCode(), run.stderr());
      var description = ExportResult.parse(run.stdout()).exportDescription();
      assertEquals(FailureCodes.DYNAMODB_TIMEOUT, description.failureCode());
      var message = description.failureMessage();
      assertTrue(message.startsWith("DynamoDB did not answer a request for table " + TABLE
          + " within the read timeout"), message);
      assertTrue(message.contains("--read-timeout"), message);
    }
  }
}
