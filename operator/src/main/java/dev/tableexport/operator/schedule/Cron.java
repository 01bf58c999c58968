package dev.tableexport.operator.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard 5-field cron expression (minute hour day-of-month month day-of-week) or macro, read
 * in a time zone. As in Vixie cron, when both day fields are restricted a day matching either
 * runs. Daylight saving time: a local time the clocks skip runs at the instant they jump; a local
 * time that occurs twice runs once, at its first occurrence.
 */
public final class Cron {

  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of(
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** Long enough for a time that only exists on 29 February, even across 2100. */
  private static final int SEARCH_DAYS = 366 * 9;

  private final String expression;
  private final ZoneId zone;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Cron(String expression, ZoneId zone, String[] fields) {
    this.expression = expression;
    this.zone = zone;
    this.minutes = field(fields[0], "minute", 0, 59, List.of());
    this.hours = field(fields[1], "hour", 0, 23, List.of());
    this.daysOfMonth = field(fields[2], "day of month", 1, 31, List.of());
    this.months = field(fields[3], "month", 1, 12, MONTHS);
    var days = field(fields[4], "day of week", 0, 7, DAYS);
    if (days.get(7)) {
      days.set(0);
    }
    this.daysOfWeek = days;
    this.anyDayOfMonth = fields[2].startsWith("*");
    this.anyDayOfWeek = fields[4].startsWith("*");
  }

  /** Parses an expression; a malformed one is an IllegalArgumentException saying what is wrong. */
  public static Cron parse(String expression, ZoneId zone) {
    var trimmed = expression.trim();
    var expanded = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
    if (expanded == null) {
      throw new IllegalArgumentException("unknown macro " + trimmed + ": use one of "
          + String.join(", ", MACROS.keySet().stream().sorted().toList()));
    }
    var fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("'" + trimmed + "' has " + fields.length
          + " fields; a cron expression has 5: minute hour day-of-month month day-of-week");
    }
    var cron = new Cron(trimmed, zone, fields);
    if (cron.next(Instant.EPOCH) == null) {
      throw new IllegalArgumentException("'" + trimmed + "' never runs: no date has that day");
    }
    return cron;
  }

  /** The first scheduled instant strictly after {@code after}; null if there is none. */
  public Instant next(Instant after) {
    var start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    var date = start.toLocalDate();
    var from = start.toLocalTime();
    for (int day = 0; day < SEARCH_DAYS; day++, date = date.plusDays(1), from = LocalTime.MIN) {
      if (!runsOn(date)) {
        continue;
      }
      for (int hour = hours.nextSetBit(from.getHour()); hour >= 0;
          hour = hours.nextSetBit(hour + 1)) {
        int firstMinute = hour == from.getHour() ? from.getMinute() : 0;
        for (int minute = minutes.nextSetBit(firstMinute); minute >= 0;
            minute = minutes.nextSetBit(minute + 1)) {
          var instant = instant(date.atTime(hour, minute));
          if (instant.isAfter(after)) {
            return instant;
          }
        }
      }
    }
    return null;
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  private boolean runsOn(LocalDate date) {
    if (!months.get(date.getMonthValue())) {
      return false;
    }
    boolean dayOfMonth = daysOfMonth.get(date.getDayOfMonth());
    boolean dayOfWeek = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0
        : date.getDayOfWeek().getValue());
    if (anyDayOfMonth || anyDayOfWeek) {
      return dayOfMonth && dayOfWeek;
    }
    return dayOfMonth || dayOfWeek;
  }

  private Instant instant(LocalDateTime local) {
    var rules = zone.getRules();
    var offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return local.toInstant(offsets.getFirst());
  }

  private static BitSet field(String text, String name, int min, int max, List<String> names) {
    var values = new BitSet(max + 1);
    for (var part : text.split(",", -1)) {
      var stepAt = part.indexOf('/');
      var range = stepAt < 0 ? part : part.substring(0, stepAt);
      int step = stepAt < 0 ? 1 : number(part.substring(stepAt + 1), name, 1, max, List.of());
      int low;
      int high;
      if (range.equals("*")) {
        low = min;
        high = max;
      } else if (range.contains("-")) {
        var bounds = range.split("-", 2);
        low = number(bounds[0], name, min, max, names);
        high = number(bounds[1], name, min, max, names);
        if (low > high) {
          throw new IllegalArgumentException(
              "the " + name + " range " + range + " runs backwards: write it low-high");
        }
      } else {
        low = number(range, name, min, max, names);
        high = stepAt < 0 ? low : max;
      }
      for (int value = low; value <= high; value += step) {
        values.set(value);
      }
    }
    return values;
  }

  private static int number(String text, String name, int min, int max, List<String> names) {
    var index = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return index + min;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + text + "' is not a valid " + name + ": use " + min
        + "-" + max + (names.isEmpty() ? "" : " or " + String.join(", ", names)));
  }
}
