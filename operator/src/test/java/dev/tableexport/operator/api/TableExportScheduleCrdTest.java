package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableExportScheduleCrdTest {

  private static final CustomResourceDefinition CRD =
      Crds.generated(Crds.TABLE_EXPORT_SCHEDULES);

  @Test
  void namesAndStatusSubresource() {
    var names = CRD.getSpec().getNames();
    assertEquals("tableexportschedules.tableexport.dev", CRD.getMetadata().getName());
    assertEquals("TableExportSchedule", names.getKind());
    assertEquals(List.of("texs"), names.getShortNames());
    assertEquals("Namespaced", CRD.getSpec().getScope());
    assertNotNull(Crds.onlyVersion(CRD).getSubresources().getStatus(), "status is a subresource");
  }

  /** Next Run is a string: kubectl prints a date column in the future as invalid. */
  @Test
  void printerColumnsShowTableScheduleTypeRunsAndSuspension() {
    assertEquals(
        Set.of(
            "Table .spec.template.tableArn string",
            "Schedule .spec.schedule string",
            "Type .spec.exportType string",
            "Last Run .status.lastScheduleTime date",
            "Last Status .status.lastExportStatus string",
            "Next Run .status.nextScheduleTime string",
            "Suspended .spec.suspend boolean"),
        SchemaAssertions.printerColumns(CRD));
  }

  @Test
  void specConstraintsAndDefaults() {
    assertEquals(List.of("schedule", "template"), Crds.schema(CRD, "spec").getRequired());
    assertEquals(List.of("s3Bucket", "tableArn"),
        Crds.schema(CRD, "spec.template").getRequired().stream().sorted().toList());
    assertEquals(ExportParameters.TABLE_ARN_PATTERN,
        Crds.schema(CRD, "spec.template.tableArn").getPattern());
    assertEquals("UTC", Crds.schema(CRD, "spec.timeZone").getDefault().asText());
    assertEquals("15m", Crds.schema(CRD, "spec.startingDeadline").getDefault().asText());
    assertEquals("Forbid", Crds.schema(CRD, "spec.concurrencyPolicy").getDefault().asText());
    assertEquals("FULL_EXPORT", Crds.schema(CRD, "spec.exportType").getDefault().asText());
    assertEquals(1.0, Crds.schema(CRD, "spec.retention.successfulExports").getMinimum());
    assertEquals("date-time", Crds.schema(CRD, "spec.chainStart").getFormat());
    assertEquals(1.0, Crds.schema(CRD, "spec.compactEvery").getMinimum());
    assertEquals(8, SchemaAssertions.rules(Crds.schema(CRD, "spec")).size());
  }
}
