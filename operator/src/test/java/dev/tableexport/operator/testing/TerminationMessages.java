package dev.tableexport.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A terminated container's message, read as the kubelet reads it. */
final class TerminationMessages {

  /** The kubelet reads at most the first 4 KiB of the termination-message file. */
  static final int MAX_BYTES = 4096;
  /** FallbackToLogsOnError takes the log's last 80 lines, at most 2 KiB of them. */
  private static final int LOG_LINES = 80;
  private static final int LOG_BYTES = 2048;

  private TerminationMessages() {}

  static String read(Path messageFile, Path log, String policy, int exitCode) throws IOException {
    var message = firstBytes(messageFile);
    if (message.isEmpty() && exitCode != 0 && "FallbackToLogsOnError".equals(policy)) {
      return logTail(log);
    }
    return message;
  }

  private static String firstBytes(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }
  }

  private static String logTail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    var last = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
    var tail = String.join("\n", last);
    var bytes = tail.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= LOG_BYTES
        ? tail
        : new String(Arrays.copyOfRange(bytes, bytes.length - LOG_BYTES, bytes.length),
            StandardCharsets.UTF_8);
  }
}
