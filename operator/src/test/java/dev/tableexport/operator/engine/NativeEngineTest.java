package dev.tableexport.operator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ExportViewType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.S3SseAlgorithm;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.api.TableExportStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The native engine against a hand-written fake of DynamoDB's HTTP API. */
class NativeEngineTest {

  private static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final String EXPORT_ARN = TABLE_ARN + "/export/01736850000000-a1b2c3d4";
  private static final Duration FIRST_LOOK = Duration.ofSeconds(30);
  private static final Duration INTERVAL = Duration.ofMinutes(1);

  private final FakeDynamoDb fake = FakeDynamoDb.start();
  private final NativeEngine engine = new NativeEngine(fake.client(), FIRST_LOOK, INTERVAL);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void startSendsEverySpecFieldWithATokenFromTheUidAndLooksFirstAfterTheFirstDelay() {
    fake.answer("ExportTableToPointInTime",
        "{\"ExportDescription\":{\"ExportArn\":\"" + EXPORT_ARN + "\",\"ExportStatus\":\"IN_PROGRESS\"}}");
    var export = incrementalExport();
    var status = new TableExportStatus();

    var outcome = engine.start(export, status, List.of(), null, null);

    assertEquals(new EngineOutcome.Started(true, "as DynamoDB export " + EXPORT_ARN, FIRST_LOOK), outcome);
    assertEquals(EXPORT_ARN, status.getExportArn());
    var request = fake.requests().getFirst();
    for (var field : List.of("\"TableArn\":\"" + TABLE_ARN + "\"", "\"S3Bucket\":\"exports\"",
        "\"S3Prefix\":\"daily\"", "\"S3BucketOwner\":\"123456789012\"", "\"S3SseAlgorithm\":\"KMS\"",
        "\"S3SseKmsKeyId\":\"alias/exports\"", "\"ExportFormat\":\"ION\"", "\"ExportType\":\"INCREMENTAL_EXPORT\"",
        "\"ExportFromTime\":1736848800", "\"ExportToTime\":1736852400", "\"ExportViewType\":\"NEW_IMAGE\"",
        "\"ClientToken\":\"tableexport-0f6e2b1c-3d4e-4f5a-8b9c-0d1e2f3a4b5c\"")) {
      assertTrue(request.contains(field), field + " in " + request);
    }
  }

  @Test
  void theSpecsOwnClientTokenIsSentAsItIs() {
    var export = incrementalExport();
    export.getSpec().setClientToken("nightly-2026-01-14");

    assertEquals("nightly-2026-01-14", NativeEngine.clientToken(export));
  }

  @Test
  void refusalsEndTheExportWithDynamoDbsCodeAndMessageUnchanged() {
    fake.fail("ExportTableToPointInTime", 400, "LimitExceededException",
        "There are too many concurrent exports: 300");

    var outcome = engine.start(incrementalExport(), new TableExportStatus(), List.of(), null, null);

    assertEquals(new EngineOutcome.Failed(new ExportFailure("LimitExceededException",
        "There are too many concurrent exports: 300"), null), outcome);
  }

  @Test
  void throttlingIsThrownToBeRetried() {
    fake.fail("ExportTableToPointInTime", 400, "ThrottlingException", "Rate exceeded");

    assertThrows(DynamoDbException.class,
        () -> engine.start(incrementalExport(), new TableExportStatus(), List.of(), null, null));
  }

  @Test
  void runningExportIsLookedAtAgainAfterTheInterval() {
    fake.answer("DescribeExport",
        "{\"ExportDescription\":{\"ExportArn\":\"" + EXPORT_ARN + "\",\"ExportStatus\":\"IN_PROGRESS\"}}");

    var outcome = engine.observe(started(), null);

    assertEquals(new EngineOutcome.Running("DynamoDB export " + EXPORT_ARN + " is IN_PROGRESS", INTERVAL), outcome);
  }

  @Test
  void throttledDescribeExportIsLookedAtAgainAfterTheInterval() {
    fake.fail("DescribeExport", 400, "ThrottlingException", "Rate exceeded");

    var outcome = assertInstanceOf(EngineOutcome.Running.class, engine.observe(started(), null));

    assertEquals(INTERVAL, outcome.recheck());
    assertTrue(outcome.progress().contains("DescribeExport failed (ThrottlingException)"), outcome.progress());
  }

  @Test
  void failedExportKeepsItsFailureCodeAndMessageAndEveryField() {
    fake.answer("DescribeExport", "{\"ExportDescription\":{\"ExportArn\":\"" + EXPORT_ARN + "\","
        + "\"ExportStatus\":\"FAILED\",\"FailureCode\":\"S3AccessDenied\",\"FailureMessage\":\"Access Denied\","
        + "\"StartTime\":1736850000,\"EndTime\":1736850090,\"TableId\":\"t-1\",\"ExportType\":\"FULL_EXPORT\"}}");

    var outcome = assertInstanceOf(EngineOutcome.Failed.class, engine.observe(started(), null));

    assertEquals(new ExportFailure("S3AccessDenied", "Access Denied"), outcome.failure());
    assertEquals(Instant.ofEpochSecond(1736850000), outcome.description().startTime());
    assertEquals(Instant.ofEpochSecond(1736850090), outcome.description().endTime());
    assertEquals("t-1", outcome.description().tableId());
  }

  @Test
  void completedExportMirrorsTheExportDescription() {
    fake.answer("DescribeExport", "{\"ExportDescription\":{\"ExportArn\":\"" + EXPORT_ARN + "\","
        + "\"ExportStatus\":\"COMPLETED\",\"ExportManifest\":\"daily/AWSDynamoDB/x/manifest-summary.json\","
        + "\"ExportTime\":1736849000,\"ItemCount\":42,\"BilledSizeBytes\":4200,\"ExportFormat\":\"ION\","
        + "\"IncrementalExportSpecification\":{\"ExportFromTime\":1736848800,\"ExportToTime\":1736852400,"
        + "\"ExportViewType\":\"NEW_IMAGE\"}}}");

    var outcome = assertInstanceOf(EngineOutcome.Completed.class, engine.observe(started(), null));

    var description = outcome.description();
    assertEquals("daily/AWSDynamoDB/x/manifest-summary.json", description.exportManifest());
    assertEquals(Instant.ofEpochSecond(1736849000), description.exportTime());
    assertEquals(42L, description.itemCount());
    assertEquals(4200L, description.billedSizeBytes());
    assertEquals("ION", description.exportFormat());
    assertEquals("NEW_IMAGE", description.incrementalExportSpecification().exportViewType());
  }

  @Test
  void checkTakesTheWindowFromDescribeContinuousBackups() {
    fake.answer("DescribeContinuousBackups", "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"
        + "\"ENABLED\",\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"ENABLED\","
        + "\"EarliestRestorableDateTime\":1736848000,\"LatestRestorableDateTime\":1736852000}}}");
    var export = incrementalExport();

    var failure = engine.check(export, List.of());

    assertEquals(FailureCodes.INVALID_EXPORT_TIME, failure.orElseThrow().code());
    assertTrue(failure.get().message().contains("exportToTime 2025-01-14T11:00:00Z is outside the restorable"
        + " window [2025-01-14T09:46:40Z, 2025-01-14T10:53:20Z]"), failure.get().message());
  }

  @Test
  void checkWithPitrDisabledOrUnknownIsPitrUnavailable() {
    fake.answer("DescribeContinuousBackups", "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"
        + "\"ENABLED\",\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}");
    assertEquals(FailureCodes.PITR_UNAVAILABLE, engine.check(incrementalExport(), List.of()).orElseThrow().code());

    fake.fail("DescribeContinuousBackups", 400, "UnknownOperationException", null);
    var unknown = engine.check(incrementalExport(), List.of()).orElseThrow();
    assertEquals(FailureCodes.PITR_UNAVAILABLE, unknown.code());
    assertTrue(unknown.message().contains("spec.engine Runner"), unknown.message());
  }


  private static TableExport started() {
    var export = incrementalExport();
    var status = new TableExportStatus();
    status.setEngine(Engine.Native);
    status.setExportArn(EXPORT_ARN);
    export.setStatus(status);
    return export;
  }

  static TableExport incrementalExport() {
    var window = new IncrementalExportSpecification();
    window.setExportFromTime("2025-01-14T10:00:00Z");
    window.setExportToTime("2025-01-14T11:00:00Z");
    window.setExportViewType(ExportViewType.NEW_IMAGE);
    var spec = new TableExportSpec();
    spec.setTableArn(TABLE_ARN);
    spec.setS3Bucket("exports");
    spec.setS3Prefix("daily");
    spec.setS3BucketOwner("123456789012");
    spec.setS3SseAlgorithm(S3SseAlgorithm.KMS);
    spec.setS3SseKmsKeyId("alias/exports");
    spec.setExportFormat(dev.tableexport.operator.api.ExportFormat.ION);
    spec.setExportType(ExportType.INCREMENTAL_EXPORT);
    spec.setIncrementalExportSpecification(window);
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName("daily").withNamespace("data")
        .withUid("0f6e2b1c-3d4e-4f5a-8b9c-0d1e2f3a4b5c").build());
    export.setSpec(spec);
    return export;
  }
}
