package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails the build when crds/ is not exactly what the model generates. */
class CheckedInCrdsTest {

  private static final String FIX = "regenerate them with: bash .ci/update-crds";

  @Test
  void crdsFolderHoldsExactlyTheGeneratedFiles() throws IOException {
    var generated = yamlFileNames(Crds.generatedDir());
    assertEquals(
        new TreeSet<>(
            List.of(Crds.CONTINUOUS_BACKUPS, Crds.TABLE_EXPORTS, Crds.TABLE_EXPORT_SCHEDULES)),
        generated,
        "the build generated other CRDs than expected");
    assertEquals(
        generated,
        yamlFileNames(Crds.checkedInDir()),
        "crds/ does not hold exactly the generated CRDs; " + FIX);
  }

  @Test
  void checkedInCrdsAreByteForByteTheGeneratedOnes() throws IOException {
    for (var name :
        List.of(Crds.TABLE_EXPORTS, Crds.CONTINUOUS_BACKUPS, Crds.TABLE_EXPORT_SCHEDULES)) {
      var generated = Files.readAllBytes(Crds.generatedDir().resolve(name));
      var checkedIn = Crds.checkedInDir().resolve(name);
      if (!Files.exists(checkedIn)) {
        fail("crds/" + name + " is missing; " + FIX);
      }
      var checkedInBytes = Files.readAllBytes(checkedIn);
      if (!Arrays.equals(generated, checkedInBytes)) {
        fail(
            "crds/"
                + name
                + " is stale ("
                + firstDifference(generated, checkedInBytes)
                + "); "
                + FIX);
      }
    }
  }

  private static TreeSet<String> yamlFileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml"))
          .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
    }
  }

  private static String firstDifference(byte[] generated, byte[] checkedIn) {
    var generatedLines = new String(generated, StandardCharsets.UTF_8).lines().toList();
    var checkedInLines = new String(checkedIn, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < Math.max(generatedLines.size(), checkedInLines.size()); i++) {
      var expected = i < generatedLines.size() ? generatedLines.get(i) : "<end of file>";
      var actual = i < checkedInLines.size() ? checkedInLines.get(i) : "<end of file>";
      if (!expected.equals(actual)) {
        return "line "
            + (i + 1)
            + " is '"
            + actual.strip()
            + "', generated '"
            + expected.strip()
            + "'";
      }
    }
    return "line endings differ";
  }
}
