package dev.tableexport.runner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged runner jar (or the demo module's jar) as its own process, as a Job's container
 * would.
 */
public final class RunnerProcess {

  public static final Path JAR = Path.of("target", "export-runner.jar");

  public record Result(int exitCode, String stdout, String stderr) {}

  private RunnerProcess() {}

  private static List<String> command(Path jar, List<String> jvmOptions, List<String> arguments) {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    return command;
  }

  /** Starts the runner in the background, its output appended to {@code log}. */
  public static Process start(List<String> jvmOptions, List<String> arguments,
      Map<String, String> environment, Path log) throws IOException {
    var builder = new ProcessBuilder(command(JAR, jvmOptions, arguments))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  public static Result run(List<String> jvmOptions, List<String> arguments, Map<String, String> environment,
      Duration timeout) throws IOException, InterruptedException {
    return run(JAR, jvmOptions, arguments, environment, timeout);
  }

  public static Result run(Path jar, List<String> jvmOptions, List<String> arguments,
      Map<String, String> environment, Duration timeout) throws IOException, InterruptedException {
    var command = command(jar, jvmOptions, arguments);
    var stdout = Files.createTempFile("runner-stdout", ".txt");
    var stderr = Files.createTempFile("runner-stderr", ".txt");
    try {
      var builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      builder.environment().putAll(environment);
      var process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("The runner did not finish within " + timeout + ": "
            + Files.readString(stderr));
      }
      return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
