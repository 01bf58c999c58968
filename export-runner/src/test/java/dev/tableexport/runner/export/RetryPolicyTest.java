package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RetryPolicy POLICY =
      new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(8));

  @Test
  void delaysGrowExponentiallyWithJitterUpToTheLargest() {
    var random = new SplittableRandom(7);
    long[][] bounds = {{500, 1000}, {1000, 2000}, {2000, 4000}, {4000, 8000}};
    for (int failed = 1; failed <= 4; failed++) {
      long delay = POLICY.nextDelay(failed, Duration.ZERO, random).orElseThrow().toMillis();
      assertTrue(delay >= bounds[failed - 1][0] && delay <= bounds[failed - 1][1],
          "delay after " + failed + " failures: " + delay);
    }
    var capped = new RetryPolicy(50, Duration.ofHours(1), Duration.ofSeconds(1),
        Duration.ofSeconds(8));
    assertTrue(capped.nextDelay(40, Duration.ZERO, random).orElseThrow().toMillis() <= 8000);
  }

  @Test
  void jitterSpreadsTheDelays() {
    var random = new SplittableRandom(1);
    var first = POLICY.nextDelay(3, Duration.ZERO, random).orElseThrow();
    boolean differs = false;
    for (int i = 0; i < 10 && !differs; i++) {
      differs = !POLICY.nextDelay(3, Duration.ZERO, random).orElseThrow().equals(first);
    }
    assertTrue(differs);
  }

  @Test
  void theBudgetOfAttemptsEndsTheRetries() {
    assertEquals(Optional.empty(), POLICY.nextDelay(5, Duration.ZERO, new SplittableRandom()));
  }

  @Test
  void theBudgetOfTimeEndsTheRetries() {
    assertEquals(Optional.empty(),
        POLICY.nextDelay(1, Duration.ofSeconds(59).plusMillis(600), new SplittableRandom()));
  }

  @Test
  void noRetriesRetriesNothing() {
    assertEquals(Optional.empty(), RetryPolicy.none().nextDelay(1, Duration.ZERO,
        new SplittableRandom()));
  }
}
