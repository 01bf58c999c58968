package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Each way an export can fail ends FAILED with its code, a useful message, and no manifest. */
class ExportFailureIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  /** Data files end between pages: pages of 50 items let a small table fill several. */
  private static final ExportPipeline.Settings SMALL_FILES =
      new ExportPipeline.Settings(4, 2, 2, 32 * 1024, 50, 4);

  private static FailingBlobStore store;
  private static LocalEnvironment local;
  private static ExportService service;

  @BeforeAll
  static void startServers() throws Exception {
    store = new FailingBlobStore(LocalS3.inMemoryStore());
    local = LocalEnvironment.start(store);
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 1_500);
    service = new ExportService(local.dynamo(), local.s3(), SMALL_FILES, Clock.systemUTC());
  }

  @AfterEach
  void healStore() {
    store.heal();
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void missingTable() {
    var description = service.export(request("no-such-table", BUCKET, null));

    assertFailed(description, "TableNotFoundException", "no-such-table");
    assertTrue(description.failureMessage().contains("--table-arn"));
    assertTrue(local.s3().listObjectsV2(list -> list.bucket(BUCKET).prefix("AWSDynamoDB/"))
        .contents().stream().noneMatch(object -> object.key().contains(id(description))));
  }

  @Test
  void missingBucket() {
    var description = service.export(request(TABLE, "no-such-bucket", null));

    assertFailed(description, "S3NoSuchBucket", "no-such-bucket");
    assertTrue(description.failureMessage().startsWith("S3 answered HTTP 404 NoSuchBucket to a"
        + " request to bucket no-such-bucket: The specified bucket does not exist"),
        description.failureMessage());
  }

  @Test
  void aNotFoundWithoutAnErrorCodeIsQuotedNotTakenForAMissingBucket() {
    store.answerNextParts(1, 404, null, null);

    var description = service.export(request(TABLE, BUCKET, null));

    assertFailed(description, "S3Error", "S3 answered HTTP 404 with no error code");
    assertTrue(description.failureMessage().contains("AWS_ENDPOINT_URL_S3"),
        description.failureMessage());
    assertFalse(description.failureMessage().contains("Create bucket"),
        description.failureMessage());
  }

  @Test
  void anErrorCodeIsQuotedWithTheStatus() {
    store.answerNextParts(1, 400, "InvalidPart", "One or more of the specified parts could not be found.");

    var description = service.export(request(TABLE, BUCKET, null));

    assertFailed(description, "S3InvalidPart", "S3 answered HTTP 400 InvalidPart to a request to"
        + " bucket exports: One or more of the specified parts could not be found (request ID ");
  }

  @Test
  void wrongCredentialsForTheBucket() {
    var settings = local.settings();
    var wrong =
        new AwsSettings(settings.region(), settings.dynamoDbEndpoint(),
            settings.dynamoDbStreamsEndpoint(), settings.s3Endpoint(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY_ID, "wrong-secret")));
    try (var s3 = AwsClients.s3(wrong, LocalDynamoDb.REGION)) {
      var description =
          new ExportService(local.dynamo(), s3, SMALL_FILES, Clock.systemUTC())
              .export(request(TABLE, BUCKET, null));

      assertFailed(description, "S3AccessDenied", "s3:PutObject");
    }
  }

  @Test
  void pastExportTimeNeedsPointInTimeRecovery() {
    var past = Instant.now().minus(1, ChronoUnit.HOURS);
    var description = service.export(withExportTime(request(TABLE, BUCKET, null), past));

    assertFailed(description, "PointInTimeRecoveryUnavailableException", "--export-time");
  }

  @Test
  void futureExportTimeIsInvalid() {
    var future = Instant.now().plus(1, ChronoUnit.HOURS);
    var description = service.export(withExportTime(request(TABLE, BUCKET, null), future));

    assertFailed(description, "InvalidExportTimeException", "in the future");
  }

  @Test
  void incrementalExportNeedsPointInTimeRecovery() {
    var full = request(TABLE, BUCKET, null);
    var from = Instant.now().minus(2, ChronoUnit.HOURS);
    var incremental =
        new ExportRequest(full.tableArn(), BUCKET, null, null, null, null, ExportFormat.DYNAMODB_JSON,
            ExportType.INCREMENTAL_EXPORT, null,
            new IncrementalExportSpecification(from, from.plus(1, ChronoUnit.HOURS), "NEW_IMAGE"),
            "token-1", null);

    var description = service.export(incremental);

    assertFailed(description, "PointInTimeRecoveryUnavailableException", "FULL_EXPORT");
    assertEquals("INCREMENTAL_EXPORT", description.exportType());
  }

  @Test
  void storeFailingMidUploadFailsTheExportThenARerunCompletesIt() {
    var request = request(TABLE, BUCKET, ExportId.generate(Instant.now()));
    store.failAfterParts(2);

    var failed = service.export(request);

    assertEquals(ExportDescription.FAILED, failed.exportStatus());
    assertTrue(failed.failureCode().startsWith("S3"), failed.failureCode());
    assertTrue(failed.failureMessage().contains(BUCKET), failed.failureMessage());
    var directory = "AWSDynamoDB/" + id(failed) + "/";
    var afterFailure = local.s3().listObjectsV2(list -> list.bucket(BUCKET).prefix(directory)).contents();
    assertTrue(afterFailure.stream().anyMatch(object -> object.key().contains("/data/")),
        "the parts uploaded before the failure stay, as with DynamoDB");
    assertTrue(afterFailure.stream().noneMatch(object -> object.key().contains("manifest")),
        "no manifest after a failure");
    assertEquals(0, local.s3().listMultipartUploads(list -> list.bucket(BUCKET)).uploads().size(),
        "failed uploads are aborted");

    store.heal();
    var rerun = service.export(request);

    assertEquals(ExportDescription.COMPLETED, rerun.exportStatus(), rerun.failureMessage());
    assertEquals(failed.exportArn(), rerun.exportArn());
    var stored = new StoredExport(local.s3(), BUCKET, rerun);
    stored.assertWellFormed(); // data/ holds exactly the files of the manifest: no leftovers
    assertEquals(CanonicalItems.multiset(TestTables.scan(local.dynamo(), TABLE)),
        CanonicalItems.multiset(stored.items()));
  }

  @Test
  void throttledUploadsAreRetriedAndTheExportCompletes() {
    store.throttleNextParts(2);

    var description = service.export(request(TABLE, BUCKET, null));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals(2, store.throttledSoFar());
    new StoredExport(local.s3(), BUCKET, description).assertWellFormed();
  }

  @Test
  void rerunOfACompletedExportReportsItAndWritesNothing() {
    var request = request(TABLE, BUCKET, ExportId.generate(Instant.now()));
    var first = service.export(request);
    var stored = new StoredExport(local.s3(), BUCKET, first);
    var keysBefore = stored.keysUnder(stored.directory());

    var second = service.export(request);

    assertEquals(first, second);
    assertEquals(keysBefore, stored.keysUnder(stored.directory()));
  }

  private static ExportRequest request(String table, String bucket, ExportId exportId) {
    return new ExportRequest(TestTables.arn(table), bucket, null, null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, null, null, "token-1", exportId);
  }

  private static ExportRequest withExportTime(ExportRequest r, Instant exportTime) {
    return new ExportRequest(r.tableArn(), r.s3Bucket(), r.s3Prefix(), r.s3BucketOwner(),
        r.s3SseAlgorithm(), r.s3SseKmsKeyId(), r.exportFormat(), r.exportType(), exportTime,
        r.incrementalExportSpecification(), r.clientToken(), r.exportId());
  }

  private static void assertFailed(ExportDescription description, String code, String messagePart) {
    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertEquals(code, description.failureCode(), description.failureMessage());
    assertTrue(description.failureMessage().contains(messagePart),
        "message should mention '" + messagePart + "': " + description.failureMessage());
    assertNull(description.exportManifest());
    assertNull(description.itemCount());
    assertEquals("token-1", description.clientToken());
    assertTrue(description.exportArn().matches(".*/export/\\d{14}-[0-9a-f]{8}"));
  }

  private static String id(ExportDescription description) {
    return description.exportArn().substring(description.exportArn().lastIndexOf('/') + 1);
  }
}
