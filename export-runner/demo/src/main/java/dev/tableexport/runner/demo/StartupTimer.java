package dev.tableexport.runner.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times the runner as a Job runs it: a fresh {@code java -jar export-runner.jar export ...}
 * process, from its start to its exit, a few times over, with the JVM options the image uses.
 * With an AOT cache file that does not exist yet, a first run records it (JDK 25's {@code
 * -XX:AOTCacheOutput}, as the image build does) and the timed runs use it.
 */
final class StartupTimer {

  private final Path jar;
  private final List<String> javaOptions;
  private final Path aotCache;
  private final Map<String, String> environment;

  /** @param aotCache null for none */
  StartupTimer(Path jar, List<String> javaOptions, Path aotCache, Map<String, String> environment) {
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.aotCache = aotCache;
    this.environment = environment;
  }

  /** Wall-clock seconds of each run; fails when a run does not exit 0. */
  List<Double> time(int runs, List<String> exportArguments)
      throws IOException, InterruptedException {
    var options = new ArrayList<>(javaOptions);
    if (aotCache != null) {
      if (!Files.exists(aotCache)) {
        var training = new ArrayList<>(javaOptions);
        training.add("-XX:AOTCacheOutput=" + aotCache);
        run(training, exportArguments);
      }
      options.add("-XX:AOTCache=" + aotCache);
    }
    var seconds = new ArrayList<Double>();
    for (int i = 0; i < runs; i++) {
      seconds.add(run(options, exportArguments));
    }
    return seconds;
  }

  private double run(List<String> options, List<String> exportArguments)
      throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(options);
    command.addAll(List.of("-jar", jar.toString(), "export"));
    command.addAll(exportArguments);
    var builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    int exit = builder.start().waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IOException("The timed export exited " + exit + ": " + String.join(" ", command));
    }
    return seconds;
  }
}
