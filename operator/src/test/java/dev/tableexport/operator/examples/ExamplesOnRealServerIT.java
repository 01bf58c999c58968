package dev.tableexport.operator.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest in examples/ applied with server-side apply to a real API server, in a namespace
 * that enforces the restricted Pod Security Standard, and stored with the spec it wrote.
 */
class ExamplesOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();
  private static String namespace;

  @BeforeAll
  static void installCrds() throws IOException {
    Crds.apply(CLUSTER.admin());
    namespace = CLUSTER.restrictedNamespace("examples");
  }

  static Iterable<Path> examples() throws IOException {
    return ExamplesTest.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void isAppliedAndStoredWithItsSpec(Path example) throws IOException {
    var client = CLUSTER.admin();
    var manifest =
        client
            .getKubernetesSerialization()
            .unmarshal(Files.readString(example), GenericKubernetesResource.class);

    var stored =
        client.resource(manifest).inNamespace(namespace).fieldManager("examples").serverSideApply();

    assertKept(
        example + ": spec",
        manifest.getAdditionalProperties().get("spec"),
        stored.getAdditionalProperties().get("spec"));
  }

  /** Every field written is stored as written; the server may add defaults next to them. */
  private static void assertKept(String path, Object written, Object kept) {
    if (written instanceof Map<?, ?> fields && kept instanceof Map<?, ?> keptFields) {
      for (var field : fields.entrySet()) {
        assertKept(path + "." + field.getKey(), field.getValue(), keptFields.get(field.getKey()));
      }
    } else {
      assertEquals(written, kept, path);
    }
  }
}
