package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model reads and writes the YAML that kubectl and the API server exchange. */
class SerializationTest {

  @Test
  void aTableExportSurvivesYaml() {
    var export = new TableExport();
    export.setMetadata(
        new ObjectMetaBuilder().withName("orders-daily").withNamespace("data").build());
    var window = new IncrementalExportSpecification();
    window.setExportFromTime("2026-01-14T10:00:00Z");
    window.setExportToTime("2026-01-14T11:00:00+01:00");
    window.setExportViewType(ExportViewType.NEW_IMAGE);
    var spec = new TableExportSpec();
    spec.setTableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    spec.setS3Bucket("exports");
    spec.setS3Prefix("daily");
    spec.setS3BucketOwner("123456789012");
    spec.setS3SseAlgorithm(S3SseAlgorithm.KMS);
    spec.setS3SseKmsKeyId("alias/exports");
    spec.setExportFormat(ExportFormat.ION);
    spec.setExportType(ExportType.INCREMENTAL_EXPORT);
    spec.setIncrementalExportSpecification(window);
    spec.setClientToken("nightly-2026-01-14");
    export.setSpec(spec);
    var status = new TableExportStatus();
    status.setExportArn(spec.getTableArn() + "/export/01768385930622-efd1a093");
    status.setExportStatus(ExportStatus.COMPLETED);
    status.setStartTime("2026-01-14T11:00:05.123Z");
    status.setEndTime("2026-01-14T11:02:40.456Z");
    status.setExportTime("2026-01-14T10:00:00Z");
    status.setExportManifest("daily/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json");
    status.setItemCount(5_000_000_000L);
    status.setBilledSizeBytes(123_456_789_012L);
    status.setTableId("8c1f0e4a-1b2c-4d3e-9f00-0123456789ab");
    status.setObservedGeneration(1L);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Complete")
                .withStatus("True")
                .withReason("ExportCompleted")
                .withMessage("")
                .withLastTransitionTime("2026-01-14T11:02:41Z")
                .withObservedGeneration(1L)
                .build()));
    status.setJobName("orders-daily-export");
    status.setProgress("5000000000 items written");
    export.setStatus(status);

    var yaml = Crds.SERIALIZATION.asYaml(export);
    var read = Crds.SERIALIZATION.unmarshal(yaml, TableExport.class);

    assertEquals(yaml, Crds.SERIALIZATION.asYaml(read));
    assertEquals(export, read);
    assertEquals(spec, read.getSpec());
    assertEquals(status, read.getStatus());
    assertTrue(yaml.contains("apiVersion: \"tableexport.dev/v1alpha1\""), yaml);
    assertTrue(yaml.contains("kind: \"TableExport\""), yaml);
    assertTrue(yaml.contains("exportToTime: \"2026-01-14T11:00:00+01:00\""), yaml);
    assertFalse(yaml.contains("exportTime:\n") || yaml.contains(": null"), yaml);
  }

  @Test
  void aManifestAsPeopleWriteItReadsIntoTheModel() {
    var read =
        Crds.SERIALIZATION.unmarshal(
            """
            apiVersion: tableexport.dev/v1alpha1
            kind: TableExport
            metadata:
              name: orders-at-ten
            spec:
              tableArn: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
              s3Bucket: exports
              exportTime: 2026-01-14T10:18:50+02:00
            """,
            TableExport.class);

    assertEquals("orders-at-ten", read.getMetadata().getName());
    assertEquals("2026-01-14T10:18:50+02:00", read.getSpec().getExportTime());
    assertNull(read.getSpec().getExportType(), "defaults are the API server's to apply");
    assertNull(read.getStatus());
  }

  @Test
  void aContinuousBackupSurvivesYaml() {
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName("orders").build());
    var store = new BackupStore();
    store.setBucket("backups");
    store.setPrefix("pitr/orders");
    var spec = new ContinuousBackupSpec();
    spec.setTableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    spec.setStore(store);
    spec.setRecoveryPeriodInDays(7);
    backup.setSpec(spec);
    var status = new ContinuousBackupStatus();
    status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED);
    status.setEarliestRestorableDateTime("2026-01-07T10:00:00Z");
    status.setLatestRestorableDateTime("2026-01-14T09:55:00Z");
    status.setLagSeconds(12L);
    status.setDeploymentName("orders-recorder");
    status.setObservedGeneration(2L);
    backup.setStatus(status);

    var yaml = Crds.SERIALIZATION.asYaml(backup);
    var read = Crds.SERIALIZATION.unmarshal(yaml, ContinuousBackup.class);

    assertEquals(yaml, Crds.SERIALIZATION.asYaml(read));
    assertEquals(backup, read);
    assertEquals(status, read.getStatus());
    assertTrue(yaml.contains("kind: \"ContinuousBackup\""), yaml);
  }
}
