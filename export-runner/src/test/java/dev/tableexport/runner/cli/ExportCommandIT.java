package dev.tableexport.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged jar's command line: stdout, the result file, exit codes, help. */
class ExportCommandIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 500);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void completedExportPrintsOneResultAndWritesTheResultFile(@TempDir Path directory) throws Exception {
    var resultFile = directory.resolve("termination-log");
    var exportArn = TestTables.arn(TABLE).arn() + "/export/01768385930622-efd1a093";

    var run = export("--export-format", "ION", "--s3-prefix", "cli", "--client-token", "t-1",
        "--export-arn", exportArn, "--result-file", resultFile.toString());

    assertEquals(0, run.exitCode(), run.stderr());
    var parser = new ObjectMapper().createParser(run.stdout());
    assertNotNull(parser.readValueAsTree(), "stdout holds a JSON document");
    assertEquals(null, parser.nextToken(), "and nothing after it");
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals(ExportDescription.COMPLETED, description.exportStatus());
    assertEquals(exportArn, description.exportArn());
    assertEquals(500, description.itemCount());
    assertEquals("ION", description.exportFormat());
    assertEquals("t-1", description.clientToken());
    assertEquals("cli/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json", description.exportManifest());
    var written = Files.readString(resultFile);
    assertEquals(new ObjectMapper().readTree(run.stdout()), new ObjectMapper().readTree(written));
    assertFalse(written.contains("\n"), "the result file is compact: " + written);
    assertTrue(run.stderr().contains("completed"), "logs go to stderr: " + run.stderr());
    new StoredExport(local.s3(), BUCKET, description).assertWellFormed();
  }

  @Test
  void theResultFileFitsATerminationMessageWhateverTheRequest(@TempDir Path directory)
      throws Exception {
    var resultFile = directory.resolve("termination-log");
    var longTable = "arn:aws:dynamodb:us-east-1:123456789012:table/" + "t".repeat(255);
    var kmsKey = "arn:aws:kms:us-east-1:123456789012:alias/" + "k".repeat(2000);

    var run = export("--table-arn", longTable, "--s3-prefix", "p".repeat(1000),
        "--s3-sse-algorithm", "KMS", "--s3-sse-kms-key-id", kmsKey,
        "--client-token", "c".repeat(36), "--result-file", resultFile.toString());

    var printed = ExportResult.parse(run.stdout()).exportDescription();
    assertTrue(run.stdout().getBytes(StandardCharsets.UTF_8).length > 4096, "stdout is whole");
    var written = Files.readAllBytes(resultFile);
    assertTrue(written.length <= 4096, written.length + " bytes");
    var description = ExportResult.parse(new String(written, StandardCharsets.UTF_8)).exportDescription();
    assertEquals(printed.exportStatus(), description.exportStatus());
    assertEquals(printed.failureCode(), description.failureCode());
    assertEquals(printed.exportArn(), description.exportArn());
  }

  @Test
  void valuesThatBreakTheApiConstraintsAreAFailedValidation() throws Exception {
    var run = export("--s3-bucket", "bad bucket!", "--export-format", "CSV");

    assertEquals(1, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertEquals("ValidationException", description.failureCode());
    var message = description.failureMessage();
    assertTrue(message.startsWith("2 validation errors detected"), message);
    assertTrue(message.contains("'--s3-bucket'") && message.contains("'--export-format'"), message);
    assertTrue(message.contains("[DYNAMODB_JSON, ION]"), message);
  }

  @ParameterizedTest
  @CsvSource({
      "--scan-segments, 1000001, 'Invalid value 1000001 for --scan-segments: give 0 to 1000000'",
      "--scan-segments, -1, 'Invalid value -1 for --scan-segments: give 0 to 1000000'",
      "--scan-threads, 65, 'Invalid value 65 for --scan-threads: give 1 to 64'",
      "--max-scan-threads, 0, 'Invalid value 0 for --max-scan-threads: give 1 to 64'",
      "--retry-attempts, 0, 'Invalid value 0 for --retry-attempts: give 1 or more'",
      "--read-timeout, PT0S, 'Invalid value PT0S for --read-timeout: give a positive duration'",
      "--max-data-file-mib, 1025, 'Invalid value 1025 for --max-data-file-mib: give 1 to 1024'",
      "--max-data-file-mib, 0, 'Invalid value 0 for --max-data-file-mib: give 1 to 1024'"})
  void tuningOutOfRangeIsAUsageErrorBeforeAnythingIsWritten(String option, String value,
      String message) throws Exception {
    var prefix = "tuning" + option + value;

    var run = export("--s3-prefix", prefix, option, value);

    assertEquals(2, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().contains(message), run.stderr());
    assertEquals(0, local.s3().listObjectsV2(list -> list.bucket(BUCKET).prefix(prefix)).keyCount());
  }

  @ParameterizedTest
  @CsvSource({
      "--s3-bucket, UpperCase, 'Member must be a name S3 accepts: a bucket name has only lowercase'",
      "--s3-bucket, with_underscore, 'Member must be a name S3 accepts'",
      "--s3-prefix, /x, Member must not begin with"})
  void namesS3OrItsReadersRefuseAreAFailedValidation(String option, String value, String message)
      throws Exception {
    var run = export(option, value);

    assertEquals(1, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals("ValidationException", description.failureCode());
    assertTrue(description.failureMessage().contains(message), description.failureMessage());
    assertTrue(description.failureMessage().contains("'" + option + "'"), description.failureMessage());
  }

  @Test
  void aPrefixWhoseKeysWouldPassS3sLimitIsAFailedValidation() throws Exception {
    var prefix = "p".repeat(1024 - 75);

    var run = export("--s3-prefix", prefix);

    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals("ValidationException", description.failureCode());
    assertTrue(description.failureMessage().contains(
        "its longest would have 1025 bytes of UTF-8; shorten it by 1"), description.failureMessage());
    assertEquals(0, local.s3().listObjectsV2(list -> list.bucket(BUCKET).prefix(prefix)).keyCount());
  }

  @Test
  void aPrefixWithAParentSegmentIsOnlyWarnedAbout() throws Exception {
    var run = export("--s3-prefix", "../up");

    assertTrue(run.stderr().contains("--s3-prefix ../up has a '..' segment"), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    // S3 takes such keys; S3Proxy refuses them, and its answer is what the runner reports.
    assertEquals("S3InvalidRequest", description.failureCode(), description.failureMessage());
    assertTrue(description.failureMessage().startsWith("S3 answered HTTP 400 InvalidRequest"),
        description.failureMessage());
  }

  @Test
  void incrementalExportIsReportedAsNeedingPointInTimeRecovery() throws Exception {
    var run = export("--export-type", "INCREMENTAL_EXPORT", "--incremental-export-specification",
        "ExportFromTime=2026-01-14T10:00:00Z,ExportToTime=2026-01-14T11:00:00Z,ExportViewType=NEW_IMAGE");

    assertEquals(1, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals("PointInTimeRecoveryUnavailableException", description.failureCode());
    assertEquals("INCREMENTAL_EXPORT", description.exportType());
    assertEquals("NEW_IMAGE", description.incrementalExportSpecification().exportViewType());
  }

  @Test
  void aSplitExportFromTheStoreWithoutATimeIsAValidationError() throws Exception {
    var run = export("--parallelism", "4", "--worker-index", "1", "--pitr-store", "s3://backups");

    assertEquals(1, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals("ValidationException", description.failureCode());
    assertTrue(description.failureMessage().contains("needs --export-time"),
        description.failureMessage());
  }

  @Test
  void aWorkerIndexFromTheIndexedJobOutsideTheSplitIsAValidationError() throws Exception {
    var environment = new HashMap<>(local.runnerEnvironment());
    environment.put("JOB_COMPLETION_INDEX", "4");
    var run = RunnerProcess.run(List.of(), List.of("export", "--table-arn",
        TestTables.arn(TABLE).arn(), "--s3-bucket", BUCKET, "--parallelism", "4"), environment,
        TIMEOUT);

    assertEquals(1, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals("ValidationException", description.failureCode());
    assertTrue(description.failureMessage().contains("JOB_COMPLETION_INDEX"),
        description.failureMessage());
  }

  @Test
  void missingRequiredOptionIsAUsageError() throws Exception {
    var run = RunnerProcess.run(List.of(), List.of("export", "--s3-bucket", BUCKET),
        local.runnerEnvironment(), TIMEOUT);

    assertEquals(2, run.exitCode());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().contains("--table-arn"), run.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "export", "compact"})
  void everyCommandHasHelpWithItsExitCodes(String command) throws Exception {
    var arguments = command.isEmpty() ? List.of("--help") : List.of(command, "--help");

    var run = RunnerProcess.run(List.of(), arguments, Map.of(), TIMEOUT);

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("Usage:"), run.stdout());
    assertTrue(run.stdout().contains("Exit codes:"), run.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "bench", "serve"})
  void demoAndBenchAreNotInTheRunnerJar(String command) throws Exception {
    var help = RunnerProcess.run(List.of(), List.of("--help"), Map.of(), TIMEOUT);
    var run = RunnerProcess.run(List.of(), List.of(command), Map.of(), TIMEOUT);

    assertFalse(help.stdout().contains(" " + command + " "), help.stdout());
    assertEquals(2, run.exitCode(), run.stdout());
    assertTrue(run.stderr().contains("Unmatched argument"), run.stderr());
  }

  private static RunnerProcess.Result export(String... options) throws Exception {
    var arguments = new ArrayList<>(List.of("export", "--table-arn", TestTables.arn(TABLE).arn(),
        "--s3-bucket", BUCKET));
    for (int i = 0; i < options.length; i += 2) {
      int existing = arguments.indexOf(options[i]);
      if (existing >= 0) {
        arguments.set(existing + 1, options[i + 1]);
      } else {
        arguments.add(options[i]);
        arguments.add(options[i + 1]);
      }
    }
    return RunnerProcess.run(List.of(), arguments, local.runnerEnvironment(), TIMEOUT);
  }
}
