package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * No export leaves an incomplete multipart upload behind: not when S3 fails mid-upload, not when
 * the SDK retried a CreateMultipartUpload whose first attempt S3 had carried out, not when the
 * runner is stopped by SIGTERM; and a rerun aborts what a SIGKILLed attempt left, and only that.
 */
class IncompleteUploadsIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** Data files end between pages: pages of 50 items let a small table fill several. */
  private static final ExportPipeline.Settings SMALL_FILES =
      new ExportPipeline.Settings(4, 2, 2, 32 * 1024, 50, 4);

  private static FailingBlobStore store;
  private static LocalEnvironment local;
  private static ExportService service;
  private static S3Client impatientS3;
  private static ExportService impatientService;

  @BeforeAll
  static void startServers() throws Exception {
    store = new FailingBlobStore(LocalS3.inMemoryStore());
    local = LocalEnvironment.start(store);
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 1_000);
    service = new ExportService(local.dynamo(), local.s3(), SMALL_FILES, Clock.systemUTC());
    // Gives up on an attempt after a second and retries it, as the SDK does after a socket timeout.
    impatientS3 = S3Client.builder()
        .region(local.settings().region())
        .credentialsProvider(LocalS3.credentials())
        .endpointOverride(local.settings().s3Endpoint())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(1)))
        .build();
    impatientService = new ExportService(local.dynamo(), impatientS3, SMALL_FILES, Clock.systemUTC());
  }

  @AfterEach
  void healStore() {
    store.heal();
  }

  @AfterAll
  static void stopServers() throws Exception {
    impatientS3.close();
    local.close();
  }

  @Test
  void anUploadTheSdkRetriedIsAbortedOnceTheFileIsStored() {
    store.pauseNextInitiateUntilRetried();

    var description = impatientService.export(request("retried", ExportId.generate(Instant.now())));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    new StoredExport(local.s3(), BUCKET, description).assertWellFormed();
    assertEquals(List.of(), incompleteUploadsUnder("retried/"));
  }

  @Test
  void anExportFailingMidUploadLeavesNoIncompleteUpload() {
    store.pauseNextInitiateUntilRetried();
    store.failAfterParts(2);

    var description = impatientService.export(request("failing", ExportId.generate(Instant.now())));

    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertTrue(description.failureCode().startsWith("S3"), description.failureCode());
    assertEquals(List.of(), incompleteUploadsUnder("failing/"));
  }

  @Test
  void aRerunAbortsTheUploadsOfItsSigkilledAttemptAndNoOtherExports(@TempDir Path logs)
      throws Exception {
    var exportId = ExportId.generate(Instant.now());
    var otherExport = "killed/AWSDynamoDB/" + ExportId.generate(Instant.now().minusSeconds(60)).value()
        + "/data/other.json.gz";
    var other = local.s3().createMultipartUpload(create -> create.bucket(BUCKET).key(otherExport));
    store.holdParts();

    var runner = startRunner("killed", exportId, logs.resolve("runner.log"));
    assertTrue(store.awaitHeldPart(DEADLINE), "the runner reached an upload: " + log(logs));
    runner.destroyForcibly();
    assertTrue(runner.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "SIGKILL ends the runner");
    var directory = "killed/AWSDynamoDB/" + exportId.value() + "/";
    assertFalse(incompleteUploadsUnder(directory).isEmpty(), "the killed runner left an upload");

    store.heal();
    var rerun = service.export(request("killed", exportId));

    assertEquals(ExportDescription.COMPLETED, rerun.exportStatus(), rerun.failureMessage());
    new StoredExport(local.s3(), BUCKET, rerun).assertWellFormed();
    assertEquals(List.of(), incompleteUploadsUnder(directory));
    assertEquals(List.of(other.uploadId()),
        incompleteUploadsUnder("killed/").stream().map(MultipartUpload::uploadId).toList(),
        "another export's upload is not this rerun's to abort");
    local.s3().abortMultipartUpload(abort -> abort.bucket(BUCKET).key(otherExport)
        .uploadId(other.uploadId()));
  }

  @Test
  void aSigtermedRunnerAbortsItsUploadsAndReportsFailed(@TempDir Path logs) throws Exception {
    var exportId = ExportId.generate(Instant.now());
    var resultFile = logs.resolve("result.json");
    store.holdParts();

    var runner = startRunner("stopped", exportId, logs.resolve("runner.log"),
        "--result-file", resultFile.toString());
    assertTrue(store.awaitHeldPart(DEADLINE), "the runner reached an upload: " + log(logs));
    var directory = "stopped/AWSDynamoDB/" + exportId.value() + "/";
    assertFalse(incompleteUploadsUnder(directory).isEmpty());
    runner.destroy();
    awaitNoIncompleteUploadUnder(directory);
    store.heal();

    assertTrue(runner.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), log(logs));
    var result = ExportResult.parse(Files.readString(resultFile)).exportDescription();
    assertEquals(ExportDescription.FAILED, result.exportStatus());
    assertEquals("The export was interrupted", result.failureMessage());
    assertEquals(List.of(), incompleteUploadsUnder(directory));
  }

  private static Process startRunner(String prefix, ExportId exportId, Path log, String... more)
      throws Exception {
    var arguments = new java.util.ArrayList<>(List.of("export",
        "--table-arn", TestTables.arn(TABLE).arn(), "--s3-bucket", BUCKET, "--s3-prefix", prefix,
        "--export-arn", exportId.exportArn(TestTables.arn(TABLE).arn())));
    arguments.addAll(List.of(more));
    return RunnerProcess.start(List.of(), arguments, local.runnerEnvironment(), log);
  }

  private static void awaitNoIncompleteUploadUnder(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!incompleteUploadsUnder(prefix).isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "uploads still open under " + prefix);
      Thread.onSpinWait();
    }
  }

  private static List<MultipartUpload> incompleteUploadsUnder(String prefix) {
    return local.s3().listMultipartUploads(list -> list.bucket(BUCKET).prefix(prefix)).uploads()
        .stream()
        .filter(upload -> upload.key().startsWith(prefix))
        .toList();
  }

  private static String log(Path logs) throws Exception {
    var log = logs.resolve("runner.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static ExportRequest request(String prefix, ExportId exportId) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, prefix, null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, null, null, "token-1", exportId);
  }
}
