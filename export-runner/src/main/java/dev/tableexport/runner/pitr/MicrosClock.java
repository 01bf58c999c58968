package dev.tableexport.runner.pitr;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The recorder's observation clock in epoch microseconds, never going backwards. */
final class MicrosClock {

  private final Clock clock;
  private long last;

  MicrosClock(Clock clock) {
    this.clock = clock;
  }

  synchronized long now() {
    last = Math.max(last, toMicros(clock.instant()));
    return last;
  }

  static long toMicros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  /**
   * The first whole millisecond at or after the instant: where a time shown or exported to the
   * millisecond must still be restorable, an earliest time rounds up.
   */
  static Instant upToMillis(Instant instant) {
    var truncated = instant.truncatedTo(ChronoUnit.MILLIS);
    return truncated.equals(instant) ? instant : truncated.plusMillis(1);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
  }
}
