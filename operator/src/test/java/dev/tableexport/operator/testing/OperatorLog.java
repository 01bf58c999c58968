package dev.tableexport.operator.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the JVM writes to System.err (slf4j-simple's output, so the operator's log) from the
 * first use on, still passed through; and the lines of it that show a problem: a 403, 409 or 422
 * from the API server, an ERROR, or a stack trace.
 */
final class OperatorLog {

  private static final Pattern PROBLEM = Pattern.compile(
      "\\bcode=(403|409|422)\\b|\\b(Forbidden|Conflict|Unprocessable Entity|Unprocessable"
          + " entity)\\b|\\bERROR\\b|^\\s+at [\\w.$]+\\(|^Caused by: |Exception in thread");
  private static final List<String> LINES = new ArrayList<>();
  private static boolean installed;

  private OperatorLog() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    var original = System.err;
    System.setErr(new PrintStream(new LineTee(original), true, StandardCharsets.UTF_8));
  }

  /** Where the log is now: {@link #problemsBetween} and {@link #shows} read from marks. */
  static synchronized int mark() {
    return LINES.size();
  }

  /** The problem lines from {@code from} up to, not including, {@code to}. */
  static synchronized List<String> problemsBetween(int from, int to) {
    return LINES.subList(from, to).stream()
        .filter(line -> !line.startsWith("process kubelet:"))
        .filter(line -> PROBLEM.matcher(line).find())
        .toList();
  }

  /** Whether a line from {@code mark} on contains {@code text}. */
  static synchronized boolean shows(int mark, String text) {
    return LINES.subList(mark, LINES.size()).stream().anyMatch(line -> line.contains(text));
  }

  private static synchronized void add(String line) {
    LINES.add(line);
  }

  /** Passes bytes through and collects them into lines. */
  private static final class LineTee extends OutputStream {
    private final PrintStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineTee(PrintStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) {
      out.write(b);
      collect(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      out.write(bytes, offset, length);
      for (int i = offset; i < offset + length; i++) {
        collect(bytes[i]);
      }
    }

    private void collect(int b) {
      if (b == '\n') {
        add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    @Override
    public void flush() {
      out.flush();
    }
  }
}
