package dev.tableexport.operator.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.tableexport.Conditions;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * examples/terraform, read as text (no terraform here): its kubernetes_manifest is a TableExport
 * of the CRD, with only the CRD's spec fields, waits for a condition the operator sets, and its
 * outputs read status fields the CRD has.
 */
class TerraformExampleTest {

  private static final Path TERRAFORM = Path.of("..", "examples", "terraform");
  private static final Pattern SPEC_FIELD =
      Pattern.compile("^\\s*(\\w+)\\s*=\\s*var\\.", Pattern.MULTILINE);
  private static final Pattern OPTIONAL_SPEC_FIELD = Pattern.compile("\\{ (\\w+) = var\\.");

  private final String main = read("main.tf");
  private final String outputs = read("outputs.tf");
  private final CustomResourceDefinition crd = Crds.generated(Crds.TABLE_EXPORTS);

  @Test
  void manifestIsATableExport() {
    assertEquals(Crds.apiVersion(crd), only("apiVersion\\s*=\\s*\"([^\"]+)\"", main));
    var manifestKind = "(?m)^    kind\\s*=\\s*\"([^\"]+)\"";
    assertEquals(crd.getSpec().getNames().getKind(), only(manifestKind, main));
  }

  @Test
  void specHasOnlyTheCrdsFields() {
    var spec = only("(?s)spec = merge\\((.*?)\\n  \\)", main);
    var fields = Stream.concat(
            SPEC_FIELD.matcher(spec).results(), OPTIONAL_SPEC_FIELD.matcher(spec).results())
        .map(match -> match.group(1))
        .toList();

    assertEquals(List.of("tableArn", "s3Bucket", "exportFormat", "s3Prefix", "exportTime"), fields);
    fields.forEach(field -> Crds.schema(crd, "spec." + field));
  }

  @Test
  void waitsForTheConditionTheOperatorSetsOnCompletion() {
    var wait = only("(?s)wait \\{\\s*condition \\{(.*?)}\\s*}", main);
    assertEquals(Conditions.COMPLETE, only("type\\s*=\\s*\"(\\w+)\"", wait));
    assertEquals("True", only("status\\s*=\\s*\"(\\w+)\"", wait));
    assertTrue(main.contains("replace_triggered_by"), "a changed spec replaces the TableExport");
  }

  @Test
  void outputsReadStatusFieldsOfTheCrd() {
    var fields = Pattern.compile("object\\.status\\.(\\w+)").matcher(outputs).results()
        .map(match -> match.group(1)).toList();

    assertFalse(fields.isEmpty(), "the outputs read the export's status");
    fields.forEach(field -> Crds.schema(crd, "status." + field));
  }

  /** kubernetes_manifest strips what its manifest does not set: status comes from a data source. */
  @Test
  void outputsReadStatusThroughAKubernetesResourceDataSourceOfTheExport() {
    assertFalse(outputs.contains("kubernetes_manifest.table_export.object.status"), outputs);
    var source = only("(?s)data \"kubernetes_resource\" \"table_export\" \\{(.*?)\n}", main);
    assertEquals("tableexport.dev/v1alpha1", only("api_version\\s*=\\s*\"([^\"]+)\"", source));
    assertEquals("TableExport", only("kind\\s*=\\s*\"(\\w+)\"", source));
    assertTrue(
        source.contains("name      = kubernetes_manifest.table_export.manifest.metadata.name"), source);
    assertTrue(source.contains("depends_on = [kubernetes_manifest.table_export]"),
        "read once the export has completed: " + source);
    var reads = Pattern.compile("([\\w.]+)\\.object\\.status\\.").matcher(outputs).results()
        .map(match -> match.group(1)).distinct().toList();
    assertEquals(List.of("data.kubernetes_resource.table_export"), reads);
  }

  /** The first group of the regex's only match. */
  private static String only(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), "no " + regex);
    var found = matcher.group(1);
    assertFalse(matcher.find(), "more than one " + regex);
    return found;
  }

  private static String read(String file) {
    try {
      return Files.readString(TERRAFORM.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
