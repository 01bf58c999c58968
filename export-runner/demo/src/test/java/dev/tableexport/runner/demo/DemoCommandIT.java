package dev.tableexport.runner.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.testing.RunnerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, as a person runs it: the packaged jar, nothing else. */
class DemoCommandIT {

  @Test
  void demoExportsTheSampleTableNowThenAtAnEarlierTimeAndIncrementally(@TempDir Path directory)
      throws Exception {
    var run = RunnerProcess.run(DemoJarIT.JAR, List.of(),
        List.of("demo", "--items", "300", "--data-dir", directory.toString()), Map.of(),
        Duration.ofMinutes(3));

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(4, run.stdout().split("\"ExportStatus\" : \"COMPLETED\"", -1).length - 1, run.stdout());
    assertEquals(3, run.stdout().split("\"ItemCount\" : 300,", -1).length - 1, run.stdout());
    assertTrue(run.stdout().contains("\"PointInTimeRecoveryStatus\" : \"ENABLED\""), run.stdout());
    assertTrue(run.stdout().contains("\"ExportType\" : \"INCREMENTAL_EXPORT\""), run.stdout());
    assertTrue(run.stdout().contains("Objects in s3://demo-exports"), run.stdout());
    assertTrue(run.stdout().contains("aws --endpoint-url"), run.stdout());
    try (var files = Files.walk(directory)) {
      var names = files.map(path -> path.getFileName().toString()).toList();
      assertTrue(names.stream().anyMatch(name -> name.endsWith(".json.gz")), names.toString());
      assertTrue(names.stream().anyMatch(name -> name.endsWith(".ion.gz")), names.toString());
      assertEquals(4, names.stream().filter(name -> name.equals("manifest-summary.json")).count());
    }
  }
}
