package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The TableExport CEL rules, run on manifests as the API server would run them. */
class TableExportRulesTest {

  private static final CelValidator VALIDATOR =
      new CelValidator(Crds.generated(Crds.TABLE_EXPORTS));

  private static final String IMMUTABLE =
      "spec is immutable: create a new TableExport for a new export";
  private static final String NEEDS_WINDOW =
      "exportType INCREMENTAL_EXPORT needs incrementalExportSpecification, with at least"
          + " exportFromTime";
  private static final String WINDOW_ONLY_INCREMENTAL =
      "incrementalExportSpecification is only valid with exportType INCREMENTAL_EXPORT";
  private static final String EXPORT_TIME_ONLY_FULL =
      "exportTime is only valid with exportType FULL_EXPORT; an incremental export takes"
          + " incrementalExportSpecification.exportFromTime and exportToTime";
  private static final String KMS_KEY_ONLY_KMS =
      "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS";
  private static final String WINDOW_ORDER = "exportFromTime must be before exportToTime";

  private static String manifest(String specFields) {
    return """
    apiVersion: tableexport.dev/v1alpha1
    kind: TableExport
    metadata:
      name: orders
    spec:
      tableArn: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
      s3Bucket: exports
    """
        + specFields.indent(2);
  }

  @Test
  void aFullExportAtAPointInTimePasses() {
    assertEquals(List.of(), VALIDATOR.create(manifest("")));
    assertEquals(
        List.of(),
        VALIDATOR.create(manifest("exportType: FULL_EXPORT\nexportTime: 2026-01-14T10:18:50Z")));
  }

  @Test
  void anIncrementalExportPasses() {
    assertEquals(
        List.of(),
        VALIDATOR.create(
            manifest(
                """
                exportType: INCREMENTAL_EXPORT
                incrementalExportSpecification:
                  exportFromTime: 2026-01-14T10:00:00Z
                  exportToTime: 2026-01-14T11:00:00Z
                  exportViewType: NEW_IMAGE
                """)));
  }

  @Test
  void anIncrementalExportNeedsItsWindow() {
    assertEquals(
        List.of(NEEDS_WINDOW), VALIDATOR.create(manifest("exportType: INCREMENTAL_EXPORT")));
  }

  @Test
  void aWindowNeedsAnIncrementalExport() {
    var window = "incrementalExportSpecification:\n  exportFromTime: 2026-01-14T10:00:00Z";
    assertEquals(List.of(WINDOW_ONLY_INCREMENTAL), VALIDATOR.create(manifest(window)));
    assertEquals(
        List.of(WINDOW_ONLY_INCREMENTAL),
        VALIDATOR.create(manifest("exportType: FULL_EXPORT\n" + window)));
  }

  @Test
  void anExportTimeIsOnlyForFullExports() {
    assertEquals(
        List.of(EXPORT_TIME_ONLY_FULL),
        VALIDATOR.create(
            manifest(
                """
                exportType: INCREMENTAL_EXPORT
                exportTime: 2026-01-14T10:18:50Z
                incrementalExportSpecification:
                  exportFromTime: 2026-01-14T10:00:00Z
                """)));
  }

  @Test
  void aCompactionIsAFullExport() {
    var compaction = "compactionOf:\n  manifests:\n"
        + "  - s3://exports/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json\n";
    assertEquals(List.of(), VALIDATOR.create(manifest(compaction)));
    assertEquals(
        List.of("compactionOf is only valid with exportType FULL_EXPORT: a compaction is a full"
            + " export"),
        VALIDATOR.create(manifest(compaction + "exportType: INCREMENTAL_EXPORT\n"
            + "incrementalExportSpecification:\n  exportFromTime: 2026-01-14T10:00:00Z\n")));
  }

  @Test
  void aKmsKeyIsOnlyForKms() {
    assertEquals(
        List.of(KMS_KEY_ONLY_KMS), VALIDATOR.create(manifest("s3SseKmsKeyId: alias/exports")));
    assertEquals(
        List.of(KMS_KEY_ONLY_KMS),
        VALIDATOR.create(manifest("s3SseAlgorithm: AES256\ns3SseKmsKeyId: alias/exports")));
    assertEquals(
        List.of(), VALIDATOR.create(manifest("s3SseAlgorithm: KMS\ns3SseKmsKeyId: alias/exports")));
  }

  @Test
  void theWindowIsComparedAsTimesNotAsText() {
    var spec =
        """
        exportType: INCREMENTAL_EXPORT
        incrementalExportSpecification:
          exportFromTime: 2026-01-14T10:00:00Z
          exportToTime: %s
        """;
    assertEquals(
        List.of(), VALIDATOR.create(manifest(spec.formatted("2026-01-14T11:30:00+01:00"))));
    assertEquals(
        List.of(WINDOW_ORDER),
        VALIDATOR.create(manifest(spec.formatted("2026-01-14T10:30:00+01:00"))));
    assertEquals(
        List.of(WINDOW_ORDER), VALIDATOR.create(manifest(spec.formatted("2026-01-14T10:00:00Z"))));
  }

  @Test
  void theSpecCannotChange() {
    var original = manifest("s3Prefix: daily");
    assertEquals(List.of(IMMUTABLE), VALIDATOR.update(original, manifest("s3Prefix: weekly")));
    assertEquals(
        List.of(IMMUTABLE),
        VALIDATOR.update(original, manifest("s3Prefix: daily\nclientToken: a")));
  }

  @Test
  void updatesThatLeaveTheSpecAloneAndDefaultsPass() {
    var original = manifest("s3Prefix: daily");
    var labelled = original.replace("  name: orders\n", "  name: orders\n  labels: {team: a}\n");
    assertFalse(labelled.equals(original), "the label was not added");
    assertEquals(List.of(), VALIDATOR.update(original, labelled));
    assertEquals(
        List.of(),
        VALIDATOR.update(original, manifest("s3Prefix: daily\nexportFormat: DYNAMODB_JSON")));
  }
}
