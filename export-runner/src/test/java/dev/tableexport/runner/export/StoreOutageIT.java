package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.ExportUnderTest;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server, then DynamoDB Local, goes away for 30 seconds in the middle of an export by the
 * real runner process and comes back on the same port with the same data: the runner retries
 * with backoff, resumes from its checkpoints, and completes one correct export.
 */
class StoreOutageIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path work;
  private FailingBlobStore store;
  private LocalDynamoDb dynamoDb;
  private LocalS3 s3;
  private LocalEnvironment clients;

  @BeforeEach
  void startServers() throws Exception {
    dynamoDb = LocalDynamoDb.startOnDisk(work);
    store = new FailingBlobStore(LocalS3.inMemoryStore());
    // Slow parts make the export of a small table last for the test to act in its middle.
    store.delayParts(Duration.ofMillis(20));
    s3 = LocalS3.start(store);
    clients = LocalEnvironment.connect(dynamoDb.endpoint(), s3.endpoint());
    clients.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(clients.dynamo(), TABLE, 2_000);
  }

  @AfterEach
  void stopServers() throws Exception {
    clients.close();
    s3.close();
    dynamoDb.close();
  }

  @Test
  void anS3OutageInTheMiddleOfAnExportIsRetriedThrough() throws Exception {
    var export = new ExportUnderTest(TABLE, BUCKET, "s3-outage", clients.runnerEnvironment(), work);
    var runner = export.start();
    ExportUnderTest.await("checkpoints", () -> export.checkpoints(clients.s3()) >= 3);

    int port = s3.port();
    s3.stopServing();
    awaitOutageSeenByTheRunner(export);
    s3 = LocalS3.start(store, port);

    export.assertOneCorrectExport(runner, clients.s3(), clients.dynamo());
    assertTrue(export.logText().contains("S3Unavailable"), export.logText());
    assertTrue(export.logText().contains("Resuming from checkpoints"), export.logText());
  }

  @Test
  void aDynamoDbOutageInTheMiddleOfAnExportIsRetriedThrough() throws Exception {
    var export =
        new ExportUnderTest(TABLE, BUCKET, "dynamodb-outage", clients.runnerEnvironment(), work);
    var runner = export.start();
    ExportUnderTest.await("checkpoints", () -> export.checkpoints(clients.s3()) >= 3);

    int port = dynamoDb.port();
    dynamoDb.close();
    awaitOutageSeenByTheRunner(export);
    dynamoDb = LocalDynamoDb.startOnDisk(work, port);

    export.assertOneCorrectExport(runner, clients.s3(), clients.dynamo());
    assertTrue(export.logText().contains("DynamoDBUnavailable"), export.logText());
    assertTrue(export.logText().contains("Resuming from checkpoints"), export.logText());
  }

  /** The outage lasts 30 seconds, and until the runner has failed an attempt because of it. */
  private static void awaitOutageSeenByTheRunner(ExportUnderTest export) throws Exception {
    long end = System.nanoTime() + OUTAGE.toNanos();
    ExportUnderTest.await("a failed attempt and the end of the outage", () -> {
      try {
        return System.nanoTime() >= end && export.logText().contains("failed transiently");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
