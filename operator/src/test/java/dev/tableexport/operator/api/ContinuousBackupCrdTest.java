package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContinuousBackupCrdTest {

  private static final CustomResourceDefinition CRD = Crds.generated(Crds.CONTINUOUS_BACKUPS);

  @Test
  void namesScopeAndVersion() {
    var spec = CRD.getSpec();
    assertEquals("continuousbackups.tableexport.dev", CRD.getMetadata().getName());
    assertEquals("tableexport.dev", spec.getGroup());
    assertEquals("Namespaced", spec.getScope());
    assertEquals("ContinuousBackup", spec.getNames().getKind());
    assertEquals("continuousbackups", spec.getNames().getPlural());
    assertEquals("continuousbackup", spec.getNames().getSingular());
    assertEquals(List.of("cbk"), spec.getNames().getShortNames());
    SchemaAssertions.assertKindConventions(CRD);
    var version = Crds.onlyVersion(CRD);
    assertEquals("v1alpha1", version.getName());
    assertTrue(version.getServed());
    assertTrue(version.getStorage());
    assertNotNull(version.getSubresources().getStatus(), "status is a subresource");
  }

  @Test
  void printerColumnsShowTheRestorableWindow() {
    assertEquals(
        Set.of(
            "Table .spec.tableArn string",
            "PITR .status.pointInTimeRecoveryStatus string",
            "Earliest .status.earliestRestorableDateTime date",
            "Latest .status.latestRestorableDateTime date",
            "Age .metadata.creationTimestamp date"),
        SchemaAssertions.printerColumns(CRD));
  }

  @Test
  void specConstraints() {
    assertEquals(List.of("spec"), Crds.rootSchema(CRD).getRequired());
    assertEquals(List.of("tableArn"), Crds.schema(CRD, "spec").getRequired());
    assertEquals(List.of("bucket"), Crds.schema(CRD, "spec.store").getRequired());

    var tableArn = Crds.schema(CRD, "spec.tableArn");
    assertEquals(ExportParameters.TABLE_ARN_PATTERN, tableArn.getPattern());
    SchemaAssertions.assertLength(CRD, "spec.tableArn", 1L, 1024L);
    assertEquals(
        Map.of(
            "tableArn is immutable: a ContinuousBackup records one table; create another"
                + " ContinuousBackup for another table",
            "self == oldSelf"),
        SchemaAssertions.rules(tableArn));

    assertEquals(
        "^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$",
        Crds.schema(CRD, "spec.store.bucket").getPattern());
    SchemaAssertions.assertLength(CRD, "spec.store.bucket", null, 255L);
    SchemaAssertions.assertLength(CRD, "spec.store.prefix", null, 1024L);

    var recoveryPeriod = Crds.schema(CRD, "spec.recoveryPeriodInDays");
    assertEquals("integer", recoveryPeriod.getType());
    assertEquals(1.0, recoveryPeriod.getMinimum());
    assertEquals(35.0, recoveryPeriod.getMaximum());
    assertEquals(35, recoveryPeriod.getDefault().asInt());
  }

  @Test
  void statusMirrorsDescribeContinuousBackups() {
    assertEquals(
        Set.of(
            "pointInTimeRecoveryStatus",
            "earliestRestorableDateTime",
            "latestRestorableDateTime",
            "observedGeneration",
            "conditions",
            "lagSeconds",
            "mode",
            "recoveryPeriodInDays",
            "deploymentName",
            "holes"),
        Crds.schema(CRD, "status").getProperties().keySet());
    SchemaAssertions.assertEnum(CRD, "status.pointInTimeRecoveryStatus", "DISABLED", "ENABLED");
    assertEquals("date-time", Crds.schema(CRD, "status.earliestRestorableDateTime").getFormat());
    assertEquals("date-time", Crds.schema(CRD, "status.latestRestorableDateTime").getFormat());
    assertEquals("integer", Crds.schema(CRD, "status.lagSeconds").getType());
    var hole = Crds.schema(CRD, "status.holes").getItems().getSchema().getProperties();
    assertEquals("date-time", hole.get("start").getFormat());
    assertEquals("date-time", hole.get("end").getFormat());
    SchemaAssertions.assertStandardConditions(CRD);
  }
}
