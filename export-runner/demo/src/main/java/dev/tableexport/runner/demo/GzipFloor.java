package dev.tableexport.runner.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CPU time {@code gzip -6} takes to compress a file: an export gzips its data at that level,
 * so this is the floor of the export's own CPU. Measured with the shell's {@code times}, which
 * reports the user and system time of the shell's finished children.
 */
final class GzipFloor {

  private static final Pattern TIME = Pattern.compile("(\\d+)m([\\d.]+)s");

  private GzipFloor() {}

  /** Empty when gzip or sh is missing. */
  static Optional<Duration> cpuTime(Path file) throws IOException, InterruptedException {
    var process =
        new ProcessBuilder(
                "sh", "-c", "gzip -6 -c \"$1\" > /dev/null && times", "sh", file.toString())
            .redirectErrorStream(true)
            .start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      return Optional.empty();
    }
    var lines = output.strip().lines().toList();
    var children = TIME.matcher(lines.getLast());
    double seconds = 0;
    while (children.find()) {
      seconds += 60 * Long.parseLong(children.group(1)) + Double.parseDouble(children.group(2));
    }
    return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
  }
}
