package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's CRDs are copies of the generated ones in crds/, never edited by hand. */
class ChartCrdsTest {

  private static final Path GENERATED = Path.of("..", "crds");
  private static final Path CHART = Chart.DIR.resolve("crds");
  private static final String FIX =
      "edit the model, not the chart's copy, and run: bash .ci/update-crds";

  @Test
  void chartHoldsExactlyTheGeneratedCrdsByteForByte() throws IOException {
    var names = names(GENERATED);
    assertEquals(List.of("continuousbackups.tableexport.dev-v1.yml",
        "tableexports.tableexport.dev-v1.yml", "tableexportschedules.tableexport.dev-v1.yml"),
        names);
    assertEquals(names, names(CHART), "the chart's crds/ holds other files than crds/; " + FIX);
    for (var name : names) {
      assertArrayEquals(Files.readAllBytes(GENERATED.resolve(name)),
          Files.readAllBytes(CHART.resolve(name)),
          "the chart's crds/" + name + " differs from crds/" + name + "; " + FIX);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
