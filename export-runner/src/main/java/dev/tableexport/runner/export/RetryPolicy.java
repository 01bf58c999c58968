package dev.tableexport.runner.export;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long and how often the runner retries an export that failed transiently: exponential
 * backoff with jitter (half of each delay fixed, half random, so that runners failing together
 * spread out, yet every delay grows), within a budget of attempts and of time since the first
 * failure.
 *
 * @param maxAttempts attempts in all, the first included; 1 retries nothing
 * @param maxTime no retry starts later than this after the first failure
 */
public record RetryPolicy(
    int maxAttempts, Duration maxTime, Duration firstDelay, Duration maxDelay) {

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The pause before the next attempt, or empty when the budget is spent.
   *
   * @param failedAttempts attempts that failed so far, at least 1
   * @param sinceFirstFailure time since the first of them failed
   */
  public Optional<Duration> nextDelay(
      int failedAttempts, Duration sinceFirstFailure, RandomGenerator random) {
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    long cap = firstDelay.toMillis() << Math.min(failedAttempts - 1, 30);
    cap = Math.max(0, Math.min(cap, maxDelay.toMillis()));
    long delay = cap / 2 + (cap / 2 == 0 ? 0 : random.nextLong(cap - cap / 2 + 1));
    var pause = Duration.ofMillis(delay);
    if (sinceFirstFailure.plus(pause).compareTo(maxTime) > 0) {
      return Optional.empty();
    }
    return Optional.of(pause);
  }
}
