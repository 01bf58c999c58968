package dev.tableexport.operator.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The CRDs the build generated, and the copies checked in to crds/. */
public final class Crds {

  public static final String TABLE_EXPORTS = "tableexports.tableexport.dev-v1.yml";
  public static final String CONTINUOUS_BACKUPS = "continuousbackups.tableexport.dev-v1.yml";
  public static final String TABLE_EXPORT_SCHEDULES =
      "tableexportschedules.tableexport.dev-v1.yml";

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Crds() {}

  /** Where crd-generator-maven-plugin wrote them (process-classes runs before the tests). */
  static Path generatedDir() {
    return Path.of(
        System.getProperty("tableexport.generated.crds.dir", "target/classes/META-INF/fabric8"));
  }

  static Path checkedInDir() {
    return Path.of(System.getProperty("tableexport.crds.dir", "../crds"));
  }

  public static CustomResourceDefinition generated(String fileName) {
    try {
      return SERIALIZATION.unmarshal(
          Files.readString(generatedDir().resolve(fileName)), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CustomResourceDefinitionVersion onlyVersion(CustomResourceDefinition crd) {
    var versions = crd.getSpec().getVersions();
    if (versions.size() != 1) {
      throw new AssertionError("expected one version, got " + versions.size());
    }
    return versions.get(0);
  }

  static JSONSchemaProps rootSchema(CustomResourceDefinition crd) {
    return onlyVersion(crd).getSchema().getOpenAPIV3Schema();
  }

  /** The schema at a dotted path of properties from the root, such as {@code spec.store.bucket}. */
  public static JSONSchemaProps schema(CustomResourceDefinition crd, String path) {
    var schema = rootSchema(crd);
    for (var name : path.split("\\.")) {
      var properties = schema.getProperties();
      if (properties == null || !properties.containsKey(name)) {
        throw new AssertionError("no property '" + name + "' on the way to " + path);
      }
      schema = properties.get(name);
    }
    return schema;
  }

  /** The apiVersion of the CRD's objects, such as {@code tableexport.dev/v1alpha1}. */
  public static String apiVersion(CustomResourceDefinition crd) {
    return crd.getSpec().getGroup() + "/" + onlyVersion(crd).getName();
  }

  /** The generated CRD whose objects have this apiVersion and kind. */
  public static Optional<CustomResourceDefinition> forKind(String apiVersion, String kind) {
    return Stream.of(TABLE_EXPORTS, CONTINUOUS_BACKUPS, TABLE_EXPORT_SCHEDULES)
        .map(Crds::generated)
        .filter(crd -> apiVersion(crd).equals(apiVersion))
        .filter(crd -> crd.getSpec().getNames().getKind().equals(kind))
        .findFirst();
  }

  /**
   * Applies the checked-in CRDs with server-side apply, as a GitOps tool would, and waits until
   * the server serves them. Applying them again changes nothing.
   */
  public static List<CustomResourceDefinition> apply(KubernetesClient client) throws IOException {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    var applied = new ArrayList<CustomResourceDefinition>();
    for (var file : checkedInFiles()) {
      var crd = crds.load(file.toFile()).item();
      client.resource(crd).fieldManager("tableexport-tests").forceConflicts().serverSideApply();
      applied.add(
          crds.withName(crd.getMetadata().getName())
              .waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS));
    }
    return applied;
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static List<Path> checkedInFiles() throws IOException {
    try (var files = Files.list(checkedInDir())) {
      return files.sorted().toList();
    }
  }

  /** Installs the checked-in CRDs, as a cluster administrator would. */
  public static void install(KubernetesClient client) throws IOException {
    for (var crd : checkedInFiles()) {
      client.apiextensions().v1().customResourceDefinitions().load(crd.toFile()).create();
    }
  }
}
