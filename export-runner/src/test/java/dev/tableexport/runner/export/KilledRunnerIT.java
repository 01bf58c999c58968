package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.ExportUnderTest;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runner process, SIGKILLed ten times at random points of one export and rerun each
 * time: the last run completes one correct export, every data file listed once, no orphan
 * multipart upload. The kill points are chosen by condition (a random number of checkpoints
 * written), not by time.
 */
class KilledRunnerIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final int KILLS = 10;

  private static FailingBlobStore store;
  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    store = new FailingBlobStore(LocalS3.inMemoryStore());
    store.delayParts(Duration.ofMillis(5));
    local = LocalEnvironment.start(store);
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 6_000);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void tenKillsAndRerunsMakeOneCorrectExport(@TempDir Path work) throws Exception {
    var random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    var export = new ExportUnderTest(TABLE, BUCKET, "killed", local.runnerEnvironment(), work);
    int checkpointsSoFar = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      var runner = export.start();
      // Somewhere in the next few files, or before the first one of this run.
      int target = checkpointsSoFar + random.nextInt(3);
      int reached = target;
      ExportUnderTest.await("checkpoint " + target + " (seed " + seed + ")",
          () -> export.checkpoints(local.s3()) >= reached || !runner.isAlive());
      assertTrue(runner.isAlive(), "the export outlasts " + kill + " kills (seed " + seed
          + "); lower the kill points or slow the store: " + export.logText());
      runner.destroyForcibly();
      assertTrue(runner.waitFor(1, TimeUnit.MINUTES), "SIGKILL ends the runner");
      checkpointsSoFar = export.checkpoints(local.s3());
    }

    var last = export.start();

    export.assertOneCorrectExport(last, local.s3(), local.dynamo());
    assertTrue(export.logText().contains("Resuming from checkpoints"), export.logText());
  }
}
