package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static List<String> runs(String expression, ZoneId zone, String after, int count) {
    var cron = Cron.parse(expression, zone);
    var times = new ArrayList<String>();
    var time = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      time = cron.next(time);
      times.add(time.toString());
    }
    return times;
  }

  @Test
  void everyFifteenMinutesRunsOnTheQuarterHoursStrictlyAfter() {
    assertEquals(
        List.of("2026-01-14T10:15:00Z", "2026-01-14T10:30:00Z", "2026-01-14T10:45:00Z"),
        runs("*/15 * * * *", ZoneOffset.UTC, "2026-01-14T10:00:00Z", 3));
    assertEquals(List.of("2026-01-14T10:15:00Z"),
        runs("*/15 * * * *", ZoneOffset.UTC, "2026-01-14T10:07:59.5Z", 1));
  }

  @ParameterizedTest
  @CsvSource({
    "@hourly, 2026-01-14T11:00:00Z",
    "@daily, 2026-01-15T00:00:00Z",
    "@midnight, 2026-01-15T00:00:00Z",
    "@weekly, 2026-01-18T00:00:00Z",
    "@monthly, 2026-02-01T00:00:00Z",
    "@yearly, 2027-01-01T00:00:00Z",
    "@annually, 2027-01-01T00:00:00Z",
    "'30 2 * * MON-FRI', 2026-01-15T02:30:00Z",
    "'0 9 * JAN,feb SAT', 2026-01-17T09:00:00Z",
    "'0 0 1-7/3 * *', 2026-02-01T00:00:00Z",
    "'5/20 10 * * *', 2026-01-14T10:25:00Z",
    "'0 12 * * 7', 2026-01-18T12:00:00Z"
  })
  void macrosListsRangesStepsAndNames(String expression, String next) {
    // 2026-01-14T10:18Z is a Wednesday.
    assertEquals(List.of(next), runs(expression, ZoneOffset.UTC, "2026-01-14T10:18:00Z", 1));
  }

  @Test
  void bothDayFieldsRestrictedRunOnEitherAsInVixieCron() {
    // The 15th of the month or a Monday.
    assertEquals(
        List.of("2026-01-15T00:00:00Z", "2026-01-19T00:00:00Z", "2026-01-26T00:00:00Z"),
        runs("0 0 15 * MON", ZoneOffset.UTC, "2026-01-14T10:00:00Z", 3));
  }

  @Test
  void aTimeTheClocksSkipRunsWhenTheyJump() {
    // Paris, 29 March 2026: 02:00 CET jumps to 03:00 CEST, at 01:00Z.
    assertEquals(
        List.of("2026-03-28T01:00:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"),
        runs("0 2 * * *", PARIS, "2026-03-27T12:00:00Z", 3));
    assertEquals(
        List.of("2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z"),
        runs("*/15 * * * *", PARIS, "2026-03-29T00:30:00Z", 3));
  }

  @Test
  void aTimeThatOccursTwiceRunsOnceAtItsFirstOccurrence() {
    // Paris, 25 October 2026: 03:00 CEST goes back to 02:00 CET, at 01:00Z.
    assertEquals(
        List.of("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
        runs("30 2 * * *", PARIS, "2026-10-23T12:00:00Z", 3));
    assertEquals(
        List.of("2026-10-25T00:45:00Z", "2026-10-25T02:00:00Z", "2026-10-25T02:15:00Z"),
        runs("*/15 * * * *", PARIS, "2026-10-25T00:30:00Z", 3));
  }

  @Test
  void runsAreStrictlyIncreasingThroughAYearOfClockChanges() {
    var cron = Cron.parse("*/15 * * * *", ZoneId.of("America/New_York"));
    var time = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 4 * 24 * 366; i++) {
      var next = cron.next(time);
      assertTrue(next.isAfter(time), "after " + time);
      time = next;
    }
    assertTrue(time.isAfter(Instant.parse("2026-12-31T00:00:00Z")), time.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * *| '*/15 * * *' has 4 fields; a cron expression has 5",
        "60 * * * *| '60' is not a valid minute: use 0-59",
        "0 24 * * *| '24' is not a valid hour: use 0-23",
        "0 0 0 * *| '0' is not a valid day of month: use 1-31",
        "0 0 * 13 *| '13' is not a valid month: use 1-12 or JAN, FEB",
        "0 0 * * MON-SUNDAY| 'SUNDAY' is not a valid day of week: use 0-7 or SUN, MON",
        "0 0 * * 5-1| the day of week range 5-1 runs backwards",
        "*/0 * * * *| '0' is not a valid minute: use 1-59",
        "0 0 30 2 *| '0 0 30 2 *' never runs",
        "@fortnightly| unknown macro @fortnightly: use one of @annually, @daily"
      })
  void aMalformedExpressionSaysWhatIsWrong(String expression, String message) {
    var error = assertThrows(IllegalArgumentException.class,
        () -> Cron.parse(expression, ZoneOffset.UTC));
    assertTrue(error.getMessage().startsWith(message), error.getMessage());
  }
}
