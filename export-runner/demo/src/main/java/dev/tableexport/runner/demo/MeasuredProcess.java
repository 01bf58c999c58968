package dev.tableexport.runner.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a process to its end and measures it from outside: wall time, and its peak resident memory
 * (Linux's {@code VmHWM} in {@code /proc/<pid>/status}, a high-water mark, read until the process
 * ends).
 */
final class MeasuredProcess {

  private static final Pattern HIGH_WATER_MARK = Pattern.compile("VmHWM:\\s+(\\d+) kB");
  private static final long SAMPLE_MILLIS = 250;

  /** @param peakRssBytes 0 where /proc does not tell it */
  record Outcome(int exitCode, double seconds, long peakRssBytes, String stdout) {}

  private MeasuredProcess() {}

  /** Runs {@code builder}'s command; its standard output is kept, its standard error in log. */
  static Outcome run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
    var stdout = Files.createTempFile("bench-runner-stdout-", ".txt");
    try {
      builder.redirectOutput(stdout.toFile()).redirectError(log.toFile());
      long start = System.nanoTime();
      var process = builder.start();
      var status = Path.of("/proc", Long.toString(process.pid()), "status");
      long peakRss = 0;
      while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
        peakRss = Math.max(peakRss, highWaterMark(status));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Outcome(process.exitValue(), seconds, peakRss, Files.readString(stdout));
    } finally {
      Files.deleteIfExists(stdout);
    }
  }

  private static long highWaterMark(Path status) {
    try {
      var matcher = HIGH_WATER_MARK.matcher(Files.readString(status));
      return matcher.find() ? Long.parseLong(matcher.group(1)) << 10 : 0;
    } catch (IOException e) {
      return 0; // ended between the check and the read
    }
  }
}
