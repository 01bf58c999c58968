package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TableExportCrdTest {

  private static final CustomResourceDefinition CRD = Crds.generated(Crds.TABLE_EXPORTS);

  @Test
  void namesScopeAndVersion() {
    var spec = CRD.getSpec();
    assertEquals("tableexports.tableexport.dev", CRD.getMetadata().getName());
    assertEquals("tableexport.dev", spec.getGroup());
    assertEquals("Namespaced", spec.getScope());
    assertEquals("TableExport", spec.getNames().getKind());
    assertEquals("tableexports", spec.getNames().getPlural());
    assertEquals("tableexport", spec.getNames().getSingular());
    assertEquals(List.of("tex"), spec.getNames().getShortNames());
    SchemaAssertions.assertKindConventions(CRD);
    var version = Crds.onlyVersion(CRD);
    assertEquals("v1alpha1", version.getName());
    assertTrue(version.getServed());
    assertTrue(version.getStorage());
    assertNotNull(version.getSubresources().getStatus(), "status is a subresource");
  }

  @Test
  void printerColumnsReadLikeListExports() {
    assertEquals(
        Set.of(
            "Table .spec.tableArn string",
            "Engine .status.engine string",
            "Type .spec.exportType string",
            "Format .spec.exportFormat string",
            "Status .status.exportStatus string",
            "Export Time .status.exportTime date",
            "Items .status.itemCount integer",
            "Age .metadata.creationTimestamp date"),
        SchemaAssertions.printerColumns(CRD));
  }

  @Test
  void requiredFields() {
    assertEquals(List.of("spec"), Crds.rootSchema(CRD).getRequired());
    assertEquals(List.of("s3Bucket", "tableArn"), Crds.schema(CRD, "spec").getRequired());
    assertEquals(
        List.of("exportFromTime"),
        Crds.schema(CRD, "spec.incrementalExportSpecification").getRequired());
  }

  @Test
  void enumsAndDefaults() {
    SchemaAssertions.assertEnum(CRD, "spec.exportFormat", "DYNAMODB_JSON", "ION");
    SchemaAssertions.assertEnum(CRD, "spec.exportType", "FULL_EXPORT", "INCREMENTAL_EXPORT");
    SchemaAssertions.assertEnum(CRD, "spec.s3SseAlgorithm", "AES256", "KMS");
    SchemaAssertions.assertEnum(
        CRD,
        "spec.incrementalExportSpecification.exportViewType",
        "NEW_AND_OLD_IMAGES",
        "NEW_IMAGE");
    SchemaAssertions.assertEnum(CRD, "status.exportStatus", "COMPLETED", "FAILED", "PENDING");

    assertEquals("DYNAMODB_JSON", Crds.schema(CRD, "spec.exportFormat").getDefault().asText());
    assertEquals("FULL_EXPORT", Crds.schema(CRD, "spec.exportType").getDefault().asText());
    assertEquals(
        "NEW_AND_OLD_IMAGES",
        Crds.schema(CRD, "spec.incrementalExportSpecification.exportViewType")
            .getDefault()
            .asText());
  }

  @Test
  void lengthsAndPatternsOfDynamoDbsApi() {
    SchemaAssertions.assertLength(CRD, "spec.tableArn", 1L, 1024L);
    SchemaAssertions.assertLength(CRD, "spec.s3Bucket", null, 255L);
    SchemaAssertions.assertLength(CRD, "spec.s3Prefix", null, 1024L);
    SchemaAssertions.assertLength(CRD, "spec.s3SseKmsKeyId", 1L, 2048L);
    assertEquals(
        "^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$", Crds.schema(CRD, "spec.s3Bucket").getPattern());
    assertEquals("^[0-9]{12}$", Crds.schema(CRD, "spec.s3BucketOwner").getPattern());
    assertEquals("^[^\\$]+$", Crds.schema(CRD, "spec.clientToken").getPattern());
  }

  @Test
  void parallelismIsOneToSixtyFourPods() {
    var parallelism = Crds.schema(CRD, "spec.parallelism");
    assertEquals("integer", parallelism.getType());
    assertEquals(1.0, parallelism.getMinimum());
    assertEquals(64.0, parallelism.getMaximum());
  }

  @Test
  void patternsAcceptWhatDynamoDbAcceptsAndRejectTheRest() {
    var tableArn = Pattern.compile(Crds.schema(CRD, "spec.tableArn").getPattern());
    assertTrue(tableArn.matcher("arn:aws:dynamodb:eu-west-1:123456789012:table/orders").find());
    assertTrue(
        tableArn.matcher("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/a.b_c-d").find());
    assertTrue(tableArn.matcher("arn:aws:dynamodb:ddblocal:000000000000:table/Orders").find());
    assertFalse(tableArn.matcher("orders").find());
    assertFalse(tableArn.matcher("arn:aws:dynamodb:eu-west-1:12345:table/orders").find());
    assertFalse(tableArn.matcher("arn:aws:s3:eu-west-1:123456789012:table/orders").find());
    assertFalse(tableArn.matcher("arn:aws:dynamodb:eu-west-1:123456789012:table/ab").find());

    var bucket = Pattern.compile(Crds.schema(CRD, "spec.s3Bucket").getPattern());
    assertTrue(bucket.matcher("my-exports.eu_1").find());
    assertFalse(bucket.matcher("-exports").find());
    assertFalse(bucket.matcher("s3://exports").find());

    var clientToken = Pattern.compile(Crds.schema(CRD, "spec.clientToken").getPattern());
    assertTrue(clientToken.matcher("nightly-2026-01-14").find());
    assertFalse(clientToken.matcher("cost$").find());
  }

  @Test
  void timesAreRfc3339() {
    for (var path :
        List.of(
            "spec.exportTime",
            "spec.incrementalExportSpecification.exportFromTime",
            "spec.incrementalExportSpecification.exportToTime",
            "status.startTime",
            "status.endTime",
            "status.exportTime")) {
      assertEquals("date-time", Crds.schema(CRD, path).getFormat(), path);
      assertEquals("string", Crds.schema(CRD, path).getType(), path);
    }
  }

  @Test
  void specRulesCarryTheirMessages() {
    var rules = SchemaAssertions.rules(Crds.schema(CRD, "spec"));
    assertEquals(
        Map.of(
            "spec is immutable: create a new TableExport for a new export",
            "self == oldSelf",
            "exportType INCREMENTAL_EXPORT needs incrementalExportSpecification, with at least"
                + " exportFromTime",
            "!has(self.exportType) || self.exportType != 'INCREMENTAL_EXPORT'"
                + " || has(self.incrementalExportSpecification)",
            "incrementalExportSpecification is only valid with exportType INCREMENTAL_EXPORT",
            "!has(self.incrementalExportSpecification)"
                + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
            "exportTime is only valid with exportType FULL_EXPORT; an incremental export takes"
                + " incrementalExportSpecification.exportFromTime and exportToTime",
            "!has(self.exportTime) || !has(self.exportType) || self.exportType == 'FULL_EXPORT'",
            "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS",
            "!has(self.s3SseKmsKeyId) || (has(self.s3SseAlgorithm) && self.s3SseAlgorithm =="
                + " 'KMS')",
            "compactionOf is only valid with exportType FULL_EXPORT: a compaction is a full"
                + " export",
            "!has(self.compactionOf) || !has(self.exportType) || self.exportType == 'FULL_EXPORT'"),
        rules);
    assertEquals(
        Map.of(
            "exportFromTime must be before exportToTime",
            "!has(self.exportToTime) || self.exportFromTime < self.exportToTime"),
        SchemaAssertions.rules(Crds.schema(CRD, "spec.incrementalExportSpecification")));
  }

  @Test
  void statusMirrorsExportDescriptionPlusKubernetesConventions() {
    assertEquals(
        Set.of(
            "exportArn",
            "exportStatus",
            "failureCode",
            "failureMessage",
            "startTime",
            "endTime",
            "exportTime",
            "exportManifest",
            "itemCount",
            "billedSizeBytes",
            "tableId",
            "observedGeneration",
            "conditions",
            "engine",
            "jobName",
            "progress"),
        Crds.schema(CRD, "status").getProperties().keySet());
    assertEquals("integer", Crds.schema(CRD, "status.itemCount").getType());
    assertEquals("integer", Crds.schema(CRD, "status.billedSizeBytes").getType());
    assertEquals("integer", Crds.schema(CRD, "status.observedGeneration").getType());
    SchemaAssertions.assertStandardConditions(CRD);
  }
}
