package dev.tableexport.operator.schedule;

import java.time.Duration;
import java.util.regex.Pattern;

/** A Kubernetes-style duration of hours, minutes and seconds, such as 15m, 1h30m or 720h. */
final class KubeDuration {

  private static final Pattern FORMAT = Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

  private KubeDuration() {}

  /** The duration; a malformed one is an IllegalArgumentException naming the field. */
  static Duration parse(String text, String field) {
    var matcher = FORMAT.matcher(text == null ? "" : text);
    if (text == null || text.isEmpty() || !matcher.matches()) {
      throw new IllegalArgumentException(field + " '" + text
          + "' is not a duration: write hours, minutes and seconds such as 15m, 1h30m or 720h");
    }
    return Duration.ofHours(part(matcher.group(1)))
        .plusMinutes(part(matcher.group(2)))
        .plusSeconds(part(matcher.group(3)));
  }

  private static long part(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
