package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TableExportSchedule CEL rules, run on manifests as the API server would run them. */
class TableExportScheduleRulesTest {

  private static final CelValidator VALIDATOR =
      new CelValidator(Crds.generated(Crds.TABLE_EXPORT_SCHEDULES));

  private static String manifest(String specFields) {
    return """
    apiVersion: tableexport.dev/v1alpha1
    kind: TableExportSchedule
    metadata:
      name: orders
    spec:
      schedule: "*/15 * * * *"
      template:
        tableArn: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
        s3Bucket: exports
    """
        + specFields.indent(2);
  }

  @Test
  void aFullAndAnIncrementalSchedulePass() {
    assertEquals(List.of(), VALIDATOR.create(manifest("concurrencyPolicy: Allow")));
    assertEquals(List.of(), VALIDATOR.create(manifest("""
        exportType: INCREMENTAL_EXPORT
        chainStart: 2026-01-14T10:00:00Z
        rebaseOnGap: true
        """)));
  }

  @Test
  void compactEveryIsForAChainFromItsOwnBaseOnly() {
    assertEquals(List.of(), VALIDATOR.create(manifest(
        "exportType: INCREMENTAL_EXPORT\ncompactEvery: 3")));
    assertEquals(List.of("compactEvery is only valid with exportType INCREMENTAL_EXPORT"),
        VALIDATOR.create(manifest("compactEvery: 3")));
    assertEquals(List.of("compactEvery is not valid with chainStart: a compaction starts from the"
            + " chain's base full export, and a chain from chainStart has none"),
        VALIDATOR.create(manifest("exportType: INCREMENTAL_EXPORT\ncompactEvery: 3\n"
            + "chainStart: 2026-01-14T10:00:00Z")));
  }

  @Test
  void allowIsRefusedForAChain() {
    assertEquals(
        List.of("concurrencyPolicy Allow is only valid with exportType FULL_EXPORT: the links of"
            + " an incremental chain run one after the other"),
        VALIDATOR.create(manifest("exportType: INCREMENTAL_EXPORT\nconcurrencyPolicy: Allow")));
  }

  @Test
  void chainFieldsAreRefusedForFullExports() {
    assertEquals(List.of("chainStart is only valid with exportType INCREMENTAL_EXPORT"),
        VALIDATOR.create(manifest("chainStart: 2026-01-14T10:00:00Z")));
    assertEquals(List.of("rebaseOnGap is only valid with exportType INCREMENTAL_EXPORT"),
        VALIDATOR.create(manifest("rebaseOnGap: true")));
    assertEquals(List.of(), VALIDATOR.create(manifest("rebaseOnGap: false")));
    assertEquals(
        List.of("template.exportViewType is only valid with exportType INCREMENTAL_EXPORT"),
        VALIDATOR.create(manifest("").replace("s3Bucket: exports",
            "s3Bucket: exports\n    exportViewType: NEW_IMAGE")));
  }

  @Test
  void aKmsKeyNeedsKms() {
    assertEquals(List.of("s3SseKmsKeyId is only valid with s3SseAlgorithm KMS"),
        VALIDATOR.create(manifest("").replace("s3Bucket: exports",
            "s3Bucket: exports\n    s3SseKmsKeyId: alias/exports")));
  }

  @Test
  void theExportTypeAndTheTableAreImmutableAndTheRestIsNot() {
    var original = manifest("");
    assertEquals(List.of(), VALIDATOR.update(original, manifest("suspend: true")));
    assertEquals(List.of(), VALIDATOR.update(original, manifest("exportType: FULL_EXPORT")));
    assertEquals(
        List.of("exportType is immutable: create a new TableExportSchedule for the other kind of"
            + " export"),
        VALIDATOR.update(original, manifest("exportType: INCREMENTAL_EXPORT")));
    assertEquals(
        List.of("template.tableArn is immutable: a schedule exports one table; create a new"
            + " TableExportSchedule for another"),
        VALIDATOR.update(original, original.replace("table/orders", "table/invoices")));
  }

  @Test
  void everyRuleCompiles() {
    var crd = Crds.generated(Crds.TABLE_EXPORT_SCHEDULES);
    var rules = new ArrayList<String>();
    for (var path : List.of("spec", "spec.template")) {
      Crds.schema(crd, path).getXKubernetesValidations().forEach(rule -> rules.add(rule.getRule()));
    }
    assertEquals(9, rules.size(), rules.toString());
    for (var rule : rules) {
      assertDoesNotThrow(() -> CelValidator.compile(rule), rule);
    }
  }
}
