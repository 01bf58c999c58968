package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Assertions on generated CRD schemas, shared by the CRD tests. */
final class SchemaAssertions {

  private SchemaAssertions() {}

  /** Each column as "name jsonPath type". */
  /**
   * Both kinds: in the operator's category, described for kubectl explain, and with conditions as
   * a list-map keyed by type.
   */
  static void assertKindConventions(CustomResourceDefinition crd) {
    assertEquals(List.of(TableExport.CATEGORY), crd.getSpec().getNames().getCategories());
    var root = Crds.onlyVersion(crd).getSchema().getOpenAPIV3Schema();
    assertNotNull(root.getDescription(), "kubectl explain of the kind says what it is");
    var conditions = root.getProperties().get("status").getProperties().get("conditions");
    assertEquals("map", conditions.getXKubernetesListType());
    assertEquals(List.of("type"), conditions.getXKubernetesListMapKeys());
  }

  static Set<String> printerColumns(CustomResourceDefinition crd) {
    return Crds.onlyVersion(crd).getAdditionalPrinterColumns().stream()
        .map(column -> column.getName() + " " + column.getJsonPath() + " " + column.getType())
        .collect(Collectors.toSet());
  }

  static void assertEnum(CustomResourceDefinition crd, String path, String... values) {
    var schema = Crds.schema(crd, path);
    assertEquals("string", schema.getType(), path);
    assertEquals(List.of(values), schema.getEnum().stream().map(JsonNode::asText).toList(), path);
  }

  static void assertLength(CustomResourceDefinition crd, String path, Long min, Long max) {
    var schema = Crds.schema(crd, path);
    assertEquals(min, schema.getMinLength(), path + " minLength");
    assertEquals(max, schema.getMaxLength(), path + " maxLength");
  }

  /** The x-kubernetes-validations of a schema, message to rule. */
  static Map<String, String> rules(JSONSchemaProps schema) {
    return schema.getXKubernetesValidations().stream()
        .collect(Collectors.toMap(ValidationRule::getMessage, ValidationRule::getRule));
  }

  /** status.conditions has the schema Kubernetes publishes for metav1.Condition. */
  static void assertStandardConditions(CustomResourceDefinition crd) {
    var conditions = Crds.schema(crd, "status.conditions");
    assertEquals("array", conditions.getType());
    var condition = conditions.getItems().getSchema();
    assertEquals(
        Set.of("type", "status", "observedGeneration", "lastTransitionTime", "reason", "message"),
        condition.getProperties().keySet());
    assertEquals(
        List.of("lastTransitionTime", "message", "reason", "status", "type"),
        condition.getRequired());
    assertEquals(
        List.of("False", "True", "Unknown"),
        condition.getProperties().get("status").getEnum().stream().map(JsonNode::asText).toList());
    assertEquals("date-time", condition.getProperties().get("lastTransitionTime").getFormat());
    assertEquals(316L, condition.getProperties().get("type").getMaxLength());
    assertEquals(1024L, condition.getProperties().get("reason").getMaxLength());
  }
}
