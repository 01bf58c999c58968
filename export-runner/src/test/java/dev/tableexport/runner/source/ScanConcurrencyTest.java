package dev.tableexport.runner.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ScanConcurrencyTest {

  private static final int PAGE_ITEMS = 1_000;
  private static final int PAGES = 2_000;

  @Test
  void fastPagesNeverChangeTheReaders() {
    var concurrency = new ScanConcurrency(4, 16);

    // 10,000 items/s per reader: a page in 0.1 s.
    assertEquals(4, scan(concurrency, readers -> readers * 10_000.0));
  }

  @Test
  void slowPagesOfAStoreThatServesReadersInParallelAddReadersUpToTheMax() {
    var concurrency = new ScanConcurrency(2, 8);

    // 500 items/s per reader: a page in 2 s, however many read.
    assertEquals(8, scan(concurrency, readers -> readers * 500.0));
  }

  @Test
  void aReaderMoreThatDoesNotPayIsTakenBackAndTheCountSettles() {
    var concurrency = new ScanConcurrency(2, 16);

    // A store that serves six requests at a time, a page in 2 s each.
    assertEquals(6, scan(concurrency, readers -> Math.min(readers, 6) * 500.0));
  }

  @Test
  void slowPagesOfAStoreThatServesOneRequestAtATimeTakeReadersAway() {
    var concurrency = new ScanConcurrency(4, 16);

    // DynamoDB Local: concurrent requests queue, and each is slower the more there are.
    assertEquals(1, scan(concurrency, readers -> 1_000 / (1 + 0.5 * (readers - 1))));
  }

  @Test
  void aStoreWhoseRateTheReadersDoNotChangeKeepsTheFewestWhilePagesAreSlow() {
    var concurrency = new ScanConcurrency(4, 16);

    // 2,500 items/s in all: a page takes a second from 3 readers on.
    assertEquals(2, scan(concurrency, readers -> 2_500.0));
  }

  @Test
  void neverFewerThanOneNorMoreThanTheMax() {
    assertEquals(1, new ScanConcurrency(0, 0).readers());
    assertEquals(3, new ScanConcurrency(3, 1).readers());
  }

  /**
   * Reads pages from a store that gives {@code rate.applyAsDouble(readers)} items/s in all, each
   * page taking as long as the readers need to share that rate (Little's law), and returns the
   * readers at the end.
   */
  private static int scan(ScanConcurrency concurrency, IntToDoubleFunction rate) {
    long now = 0;
    for (int page = 0; page < PAGES; page++) {
      int readers = concurrency.readers();
      long between = (long) (PAGE_ITEMS / rate.applyAsDouble(readers) * 1e9);
      now += between;
      concurrency.pageRead(PAGE_ITEMS, now - readers * between, now);
    }
    return concurrency.readers();
  }
}
