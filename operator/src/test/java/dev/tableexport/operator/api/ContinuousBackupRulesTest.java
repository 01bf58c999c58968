package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ContinuousBackup CEL rule, and that every rule of both CRDs compiles. */
class ContinuousBackupRulesTest {

  private static final CelValidator VALIDATOR =
      new CelValidator(Crds.generated(Crds.CONTINUOUS_BACKUPS));

  private static final String IMMUTABLE_TABLE =
      "tableArn is immutable: a ContinuousBackup records one table; create another"
          + " ContinuousBackup for another table";

  private static String manifest(String table, String bucket, int days) {
    return """
    apiVersion: tableexport.dev/v1alpha1
    kind: ContinuousBackup
    metadata:
      name: orders
    spec:
      tableArn: arn:aws:dynamodb:eu-west-1:123456789012:table/%s
      store:
        bucket: %s
        prefix: pitr/orders
      recoveryPeriodInDays: %d
    """
        .formatted(table, bucket, days);
  }

  @Test
  void theTableCannotChange() {
    assertEquals(List.of(), VALIDATOR.create(manifest("orders", "backups", 35)));
    assertEquals(
        List.of(IMMUTABLE_TABLE),
        VALIDATOR.update(manifest("orders", "backups", 35), manifest("invoices", "backups", 35)));
  }

  @Test
  void theStoreAndRecoveryPeriodCanChange() {
    assertEquals(
        List.of(),
        VALIDATOR.update(manifest("orders", "backups", 35), manifest("orders", "archive", 7)));
  }

  @Test
  void onlyTheRecorderNeedsAStore() {
    var nativeBackup = """
        apiVersion: tableexport.dev/v1alpha1
        kind: ContinuousBackup
        metadata:
          name: orders
        spec:
          tableArn: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
          mode: %s
        """;
    assertEquals(List.of(), VALIDATOR.create(nativeBackup.formatted("Native")));
    assertEquals(List.of("mode Recorder needs store: the bucket and prefix the recorder writes to"),
        VALIDATOR.create(nativeBackup.formatted("Recorder")));
  }

  @Test
  void everyRuleOfBothCrdsCompiles() {
    var rules = new ArrayList<String>();
    for (var fileName : List.of(Crds.TABLE_EXPORTS, Crds.CONTINUOUS_BACKUPS)) {
      collectRules(Crds.rootSchema(Crds.generated(fileName)), rules);
    }
    assertEquals(9, rules.size(), "rules found: " + rules);
    for (var rule : rules) {
      assertDoesNotThrow(() -> CelValidator.compile(rule), rule);
    }
    assertTrue(rules.contains("self == oldSelf"));
  }

  private static void collectRules(JSONSchemaProps schema, List<String> rules) {
    if (schema.getXKubernetesValidations() != null) {
      schema.getXKubernetesValidations().forEach(rule -> rules.add(rule.getRule()));
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(property -> collectRules(property, rules));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectRules(schema.getItems().getSchema(), rules);
    }
  }
}
