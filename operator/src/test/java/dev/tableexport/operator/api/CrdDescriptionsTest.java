package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field answers {@code kubectl explain}, and names its default and DynamoDB counterpart. */
class CrdDescriptionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {Crds.TABLE_EXPORTS, Crds.CONTINUOUS_BACKUPS, Crds.TABLE_EXPORT_SCHEDULES})
  void everySpecAndStatusPropertyIsDescribed(String fileName) {
    var crd = Crds.generated(fileName);
    var undescribed = new ArrayList<String>();
    var described = new ArrayList<String>();
    for (var root : List.of("spec", "status")) {
      walk(root, Crds.schema(crd, root), undescribed, described);
    }
    assertEquals(List.of(), undescribed, "properties without a description");
    assertTrue(described.size() > 10, "walked only " + described);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Crds.TABLE_EXPORTS, Crds.CONTINUOUS_BACKUPS, Crds.TABLE_EXPORT_SCHEDULES})
  void everyDefaultIsStated(String fileName) {
    var crd = Crds.generated(fileName);
    var defaults = new ArrayList<String>();
    forEachProperty(
        "spec",
        Crds.schema(crd, "spec"),
        (path, schema) -> {
          if (schema.getDefault() != null) {
            defaults.add(path);
            var stated = "Default: " + schema.getDefault().asText() + ".";
            assertTrue(schema.getDescription().contains(stated), path + " should say " + stated);
          }
        });
    assertFalse(defaults.isEmpty(), "no defaults found");
  }

  @Test
  void tableExportFieldsNameTheirDynamoDbCounterpart() {
    var crd = Crds.generated(Crds.TABLE_EXPORTS);
    var kubernetesOnly =
        Set.of(
            "status.observedGeneration", "status.conditions", "status.jobName", "status.progress",
            "spec.engine", "status.engine", "spec.resources", "spec.compactionOf",
            "spec.parallelism");
    var checked = new ArrayList<String>();
    for (var root : List.of("spec", "status")) {
      for (var entry : Crds.schema(crd, root).getProperties().entrySet()) {
        var path = root + "." + entry.getKey();
        if (!kubernetesOnly.contains(path)) {
          assertDynamoDbName(path, entry.getKey(), entry.getValue());
          checked.add(path);
        }
      }
    }
    for (var entry :
        Crds.schema(crd, "spec.incrementalExportSpecification").getProperties().entrySet()) {
      assertDynamoDbName(entry.getKey(), entry.getKey(), entry.getValue());
      checked.add(entry.getKey());
    }
    assertEquals(25, checked.size(), "checked " + checked);
  }

  private static void assertDynamoDbName(String path, String name, JSONSchemaProps schema) {
    var dynamoDbName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    assertTrue(
        schema.getDescription().contains("DynamoDB: " + dynamoDbName),
        path + " should name DynamoDB's " + dynamoDbName + ": " + schema.getDescription());
  }

  private static void walk(
      String path, JSONSchemaProps schema, List<String> undescribed, List<String> described) {
    forEachProperty(
        path,
        schema,
        (propertyPath, property) -> {
          var description = property.getDescription();
          (description == null || description.isBlank() ? undescribed : described)
              .add(propertyPath);
        });
    if (schema.getDescription() == null || schema.getDescription().isBlank()) {
      undescribed.add(path);
    }
  }

  /** Calls back for every property below a schema, through nested objects and array items. */
  private static void forEachProperty(
      String path, JSONSchemaProps schema, BiConsumer<String, JSONSchemaProps> callback) {
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      forEachProperty(path + "[]", schema.getItems().getSchema(), callback);
    }
    if (schema.getProperties() == null) {
      return;
    }
    for (var entry : schema.getProperties().entrySet()) {
      var propertyPath = path + "." + entry.getKey();
      callback.accept(propertyPath, entry.getValue());
      forEachProperty(propertyPath, entry.getValue(), callback);
    }
  }
}
