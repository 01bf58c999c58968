package dev.tableexport.runner.cli;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.local.BatchLoader;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A table several times larger than the runner's heap exports in full. */
class BoundedMemoryIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "large-table";
  private static final int HEAP_MIB = 48;
  private static final int ITEMS = 40_000;
  private static final int PAYLOAD_CHARS = 5_000;

  private static LocalEnvironment local;

  @BeforeAll
  static void startServersAndFillATableOf200Megabytes() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
    BatchLoader.load(local.dynamo(), TABLE, ITEMS, BoundedMemoryIT::item);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void exportsATableThreeTimesItsHeap() throws Exception {
    var run = RunnerProcess.run(
        List.of("-Xmx" + HEAP_MIB + "m"),
        List.of("export", "--table-arn", TestTables.arn(TABLE).arn(), "--s3-bucket", BUCKET,
            "--max-data-file-mib", "4", "--scan-segments", "4", "--scan-threads", "4",
            "--encoder-threads", "2"),
        local.runnerEnvironment(),
        Duration.ofMinutes(5));

    assertEquals(0, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals(ExportDescription.COMPLETED, description.exportStatus());
    assertEquals(ITEMS, description.itemCount());
    assertTrue(description.billedSizeBytes() > 3L * HEAP_MIB * 1024 * 1024,
        "the table (" + description.billedSizeBytes() + " bytes) is at least three times the heap");
    var stored = new StoredExport(local.s3(), BUCKET, description);
    assertTrue(stored.files().size() > 1);
    assertEquals(ITEMS, stored.files().stream().mapToLong(file -> file.get("itemCount").asLong()).sum());
  }

  private static Map<String, AttributeValue> item(int index) {
    var random = new Random(index);
    var payload = new byte[PAYLOAD_CHARS * 3 / 4];
    random.nextBytes(payload);
    return Map.of(
        "id", AttributeValue.fromS("item-" + index),
        "payload", AttributeValue.fromS(Base64.getEncoder().encodeToString(payload)),
        "n", AttributeValue.fromN(Integer.toString(index)));
  }
}
