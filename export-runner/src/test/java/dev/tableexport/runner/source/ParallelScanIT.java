package dev.tableexport.runner.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.TestTables;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many segments are scanned by a bounded number of threads, each segment once. */
class ParallelScanIT {

  private static final String TABLE = "orders";
  private static final int ITEMS = 300;

  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    TestTables.createSample(local.dynamo(), TABLE, ITEMS);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void aThousandSegmentsRunOnAtMostMaxThreadsAndReadEveryItemOnce() throws Exception {
    var items = new LongAdder();
    var mostScanThreads = new AtomicInteger();

    new ParallelScan(local.dynamo(), TABLE, 1_000, false).run(page -> {
      items.add(page.size());
      mostScanThreads.accumulateAndGet(liveScanThreads(), Math::max);
    });

    assertEquals(ITEMS, items.sum());
    assertTrue(mostScanThreads.get() > 1, "segments run in parallel: " + mostScanThreads.get());
    assertTrue(mostScanThreads.get() <= ParallelScan.MAX_THREADS,
        mostScanThreads.get() + " scan threads at once");
  }

  private static int liveScanThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("scan-"))
        .count();
  }
}
