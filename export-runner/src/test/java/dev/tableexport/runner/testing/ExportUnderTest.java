package dev.tableexport.runner.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.export.ExportId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One export of a table by the real runner process, started again as often as a fault test
 * needs, with small pages and data files so that a small table makes many checkpoints; and the
 * checks that the export it finally completes is one correct export.
 */
public final class ExportUnderTest {

  public static final Duration DEADLINE = Duration.ofMinutes(3);

  private final String table;
  private final String bucket;
  private final String prefix;
  private final ExportId exportId;
  private final Map<String, String> environment;
  private final Path workDirectory;
  private int runs;

  public ExportUnderTest(String table, String bucket, String prefix,
      Map<String, String> environment, Path workDirectory) {
    this(table, bucket, prefix, environment, workDirectory, ExportId.generate(Instant.now()));
  }

  /** A run of the export {@code exportId}: one worker of a split export, say. */
  public ExportUnderTest(String table, String bucket, String prefix,
      Map<String, String> environment, Path workDirectory, ExportId exportId) {
    this.exportId = exportId;
    this.table = table;
    this.bucket = bucket;
    this.prefix = prefix;
    this.environment = environment;
    this.workDirectory = workDirectory;
  }

  /** Starts the runner; its output goes to {@link #log()}, its result to {@link #resultFile()}. */
  public Process start(String... more) throws Exception {
    runs++;
    var arguments = new ArrayList<>(List.of("export",
        "--table-arn", TestTables.arn(table).arn(), "--s3-bucket", bucket, "--s3-prefix", prefix,
        "--export-arn", exportId.exportArn(TestTables.arn(table).arn()),
        "--scan-segments", "4", "--scan-page-items", "25", "--max-data-file-kib", "2",
        "--encoder-threads", "2", "--upload-threads", "2",
        "--result-file", resultFile().toString()));
    arguments.addAll(List.of(more));
    Files.deleteIfExists(resultFile());
    return RunnerProcess.start(List.of(), arguments, environment, log());
  }

  public Path log() {
    return workDirectory.resolve("runner.log");
  }

  public Path resultFile() {
    return workDirectory.resolve("result.json");
  }

  public String logText() throws Exception {
    return Files.exists(log()) ? Files.readString(log()) : "";
  }

  public String directory() {
    return prefix + "/AWSDynamoDB/" + exportId.value() + "/";
  }

  public int checkpoints(S3Client s3) {
    return s3.listObjectsV2Paginator(list -> list.bucket(bucket)
        .prefix(directory() + "_checkpoints/")).contents().stream().toList().size();
  }

  /** Waits for {@code condition}, failing the test past {@link #DEADLINE}. */
  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE + " for " + what);
      Thread.sleep(10);
    }
  }

  /**
   * The export completed and holds the table's items exactly, every data file listed once, no
   * checkpoint and no incomplete multipart upload left.
   */
  public ExportDescription assertOneCorrectExport(Process runner, S3Client s3,
      DynamoDbClient dynamo) throws Exception {
    await("the runner to finish: " + logText(), () -> !runner.isAlive());
    assertEquals(0, runner.exitValue(), logText());
    var description = ExportResult.parse(Files.readString(resultFile())).exportDescription();
    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), logText());
    var stored = new StoredExport(s3, bucket, description);
    stored.assertWellFormed();
    var keys = stored.files().stream().map(file -> file.get("dataFileS3Key").asText()).toList();
    assertEquals(keys.size(), new HashSet<>(keys).size(), "every data file is listed once");
    assertEquals(CanonicalItems.multiset(TestTables.scan(dynamo, table)),
        CanonicalItems.multiset(stored.items()), "the export holds the table's items, once each");
    assertEquals(List.of(), s3.listMultipartUploads(list -> list.bucket(bucket).prefix(prefix))
        .uploads(), "no incomplete multipart upload is left");
    return description;
  }

  public int runs() {
    return runs;
  }
}
