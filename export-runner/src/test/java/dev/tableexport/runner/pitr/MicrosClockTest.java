package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicrosClockTest {

  /** Returns the instants it was given, one per call. */
  private static final class ScriptedClock extends Clock {

    private final ArrayDeque<Instant> instants;

    ScriptedClock(String... instants) {
      this.instants = new ArrayDeque<>(List.of(instants).stream().map(Instant::parse).toList());
    }

    @Override
    public Instant instant() {
      return instants.removeFirst();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void toMicrosCountsMicrosecondsSinceTheEpoch() {
    assertEquals(0, MicrosClock.toMicros(Instant.EPOCH));
    assertEquals(
        1_700_000_000_123_456L, MicrosClock.toMicros(Instant.parse("2023-11-14T22:13:20.123456Z")));
    assertEquals(-1, MicrosClock.toMicros(Instant.parse("1969-12-31T23:59:59.999999Z")));
    assertEquals(-1_500_000, MicrosClock.toMicros(Instant.ofEpochSecond(-2, 500_000_000)));
  }

  @Test
  void toMicrosDropsNanoseconds() {
    assertEquals(1_456, MicrosClock.toMicros(Instant.ofEpochSecond(0, 1_456_999)));
    assertEquals(-999_999, MicrosClock.toMicros(Instant.ofEpochSecond(-1, 1_999)));
  }

  @Test
  void toInstantOfNegativeMicros() {
    assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), MicrosClock.toInstant(-1));
    assertEquals(Instant.ofEpochSecond(-2, 500_000_000), MicrosClock.toInstant(-1_500_000));
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        -1,
        999_999,
        1_000_000,
        -1_000_000,
        -1_000_001,
        1_700_000_000_123_456L,
        -62_135_596_800_000_000L,
        253_402_300_799_999_999L
      })
  void microsRoundTrip(long micros) {
    assertEquals(micros, MicrosClock.toMicros(MicrosClock.toInstant(micros)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "2024-05-01T10:00:00.123456Z",
        "1969-07-20T20:17:40.000001Z",
        "0001-01-01T00:00:00Z"
      })
  void instantsOfWholeMicrosecondsRoundTrip(String text) {
    var instant = Instant.parse(text);

    assertEquals(instant, MicrosClock.toInstant(MicrosClock.toMicros(instant)));
  }

  @Test
  void nowFollowsTheClockButNeverGoesBackwards() {
    var clock =
        new MicrosClock(
            new ScriptedClock(
                "2024-05-01T10:00:00.000010Z",
                "2024-05-01T10:00:00.000020Z",
                "2024-05-01T09:59:00Z",
                "2024-05-01T10:00:00.000019999Z",
                "2024-05-01T10:00:00.000021Z",
                "2024-05-01T10:00:00.000005Z"));
    var base = MicrosClock.toMicros(Instant.parse("2024-05-01T10:00:00Z"));

    var times = new ArrayList<Long>();
    for (int i = 0; i < 6; i++) {
      times.add(clock.now() - base);
    }

    assertEquals(List.of(10L, 20L, 20L, 20L, 21L, 21L), times);
  }
}
