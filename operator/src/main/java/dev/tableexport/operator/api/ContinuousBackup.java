package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Point-in-time recovery for one table, the store's own (mode Native) or its changes recorded to
 * S3 by our recorder (mode Recorder), and the restorable window.
 * Printer columns come out sorted by JSON path: Age, Table, Earliest, Latest, PITR.
 */
@Group(TableExport.GROUP)
@Version(TableExport.VERSION)
@Kind("ContinuousBackup")
@Plural("continuousbackups")
@Singular("continuousbackup")
@ShortNames("cbk")
@Categories(TableExport.CATEGORY)
@AdditionalPrinterColumn(name = "Table", jsonPath = ".spec.tableArn")
@AdditionalPrinterColumn(name = "PITR", jsonPath = ".status.pointInTimeRecoveryStatus")
@AdditionalPrinterColumn(name = "Earliest", jsonPath = ".status.earliestRestorableDateTime",
    type = Type.DATE)
@AdditionalPrinterColumn(name = "Latest", jsonPath = ".status.latestRestorableDateTime",
    type = Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@SchemaCustomizer(
    value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"description\": \"Point-in-time recovery for one table: the store's own (mode Native), or"
        + " its changes recorded to S3 by the operator's recorder (mode Recorder), with the"
        + " restorable window in its status, as DescribeContinuousBackups reports it. TableExports"
        + " of the table at a past time read it. One per table and per store.\"}")
public class ContinuousBackup extends CustomResource<ContinuousBackupSpec, ContinuousBackupStatus>
    implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription(
      "The table to keep restorable, how (mode), and for the recorder where to keep its change"
          + " log and snapshots, as UpdateContinuousBackups' PointInTimeRecoverySpecification does"
          + " for DynamoDB.")
  public ContinuousBackupSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "The restorable window, as DynamoDB's DescribeContinuousBackups reports it, written by the"
          + " operator.")
  public ContinuousBackupStatus getStatus() {
    return super.getStatus();
  }
}
