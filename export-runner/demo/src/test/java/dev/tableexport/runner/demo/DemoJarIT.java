package dev.tableexport.runner.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.testing.RunnerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo module's packaged jar: its own commands, with their help. */
class DemoJarIT {

  static final Path JAR = Path.of("target", "export-runner-demo.jar");

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "bench"})
  void everyCommandHasHelp(String command) throws Exception {
    var arguments = command.isEmpty() ? List.of("--help") : List.of(command, "--help");

    var run = RunnerProcess.run(JAR, List.of(), arguments, Map.of(), Duration.ofMinutes(1));

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("Usage:"), run.stdout());
    if (command.isEmpty()) {
      assertTrue(run.stdout().contains("demo") && run.stdout().contains("bench"), run.stdout());
    }
  }
}
