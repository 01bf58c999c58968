package dev.tableexport.runner.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a JVM's {@code -Xlog:gc:file=...} says about its heap: the most it held before a collection
 * (from lines such as {@code Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(256M) 3.4ms}).
 */
final class GcLog {

  private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private GcLog() {}

  /** The JVM option that writes the log this class reads. */
  static String option(Path file) {
    return "-Xlog:gc:file=" + file;
  }

  /** Peak heap in use, in MiB: the largest figure before a collection; 0 without any. */
  static long peakHeapMib(Path file) throws IOException {
    long peak = 0;
    for (var line : Files.readAllLines(file)) {
      var matcher = PAUSE.matcher(line);
      if (matcher.find()) {
        peak = Math.max(peak, Long.parseLong(matcher.group(1)));
      }
    }
    return peak;
  }
}
