package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart as Helm itself renders it (helm-java: Helm's own engine), parsed into manifests. */
final class Chart {

  static final Path DIR = Path.of("tableexport-operator");
  static final String RELEASE = "tableexport-operator";
  static final String NAMESPACE = "tableexport";
  static final YAMLMapper YAML = new YAMLMapper();

  private Chart() {}

  /** `helm template` with these values (YAML); Helm's errors are IllegalStateExceptions. */
  static String template(String values) {
    try {
      var file = Files.createTempFile("values", ".yaml");
      try {
        Files.writeString(file, values);
        return new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
            .withValuesFile(file).call();
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Manifests render(String values) {
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(template(values))) {
      var manifests = new ArrayList<JsonNode>();
      documents.forEachRemaining(document -> {
        if (document != null && !document.isNull()) {
          manifests.add(document);
        }
      });
      return new Manifests(manifests);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String appVersion() {
    try {
      return YAML.readTree(DIR.resolve("Chart.yaml").toFile()).get("appVersion").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one `helm template` rendered. */
  record Manifests(List<JsonNode> items) {

    List<JsonNode> all(String kind) {
      return items.stream().filter(item -> kind.equals(item.path("kind").asText())).toList();
    }

    /** The one manifest of that kind, name and namespace ("" for cluster-scoped ones). */
    JsonNode get(String kind, String namespace, String name) {
      var found = all(kind).stream()
          .filter(item -> name.equals(item.at("/metadata/name").asText())
              && namespace.equals(item.at("/metadata/namespace").asText()))
          .toList();
      assertEquals(1, found.size(), kind + " " + namespace + "/" + name);
      return found.getFirst();
    }

    /** The namespaces of every manifest of that kind and name. */
    List<String> namespacesOf(String kind, String name) {
      return all(kind).stream()
          .filter(item -> name.equals(item.at("/metadata/name").asText()))
          .map(item -> item.at("/metadata/namespace").asText())
          .sorted()
          .toList();
    }

    JsonNode operator() {
      return get("Deployment", NAMESPACE, RELEASE).at("/spec/template/spec/containers/0");
    }

    /** The operator container's environment, in order. */
    Map<String, String> env() {
      var env = new LinkedHashMap<String, String>();
      operator().path("env").forEach(variable ->
          env.put(variable.get("name").asText(), variable.get("value").asText()));
      return env;
    }
  }
}
