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
 * One export of a table to S3: ExportTableToPointInTime as a Kubernetes object.
 *
 * <p>crd-generator 7.5.2 sorts printer columns by JSON path, not in the order below, so kubectl
 * shows Age, Format, Type, Table, Status, Export Time, Items.
 */
@Group(TableExport.GROUP)
@Version(TableExport.VERSION)
@Kind("TableExport")
@Plural("tableexports")
@Singular("tableexport")
@ShortNames("tex")
@Categories(TableExport.CATEGORY)
@AdditionalPrinterColumn(name = "Table", jsonPath = ".spec.tableArn")
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.exportType")
@AdditionalPrinterColumn(name = "Format", jsonPath = ".spec.exportFormat")
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.exportStatus")
@AdditionalPrinterColumn(name = "Export Time", jsonPath = ".status.exportTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Engine", jsonPath = ".status.engine")
@AdditionalPrinterColumn(name = "Items", jsonPath = ".status.itemCount", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@SchemaCustomizer(
    value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"description\": \"One export of a DynamoDB-API table to S3, at a point in time (FULL_EXPORT)"
        + " or of what changed in a window (INCREMENTAL_EXPORT), in DynamoDB's own export format:"
        + " ExportTableToPointInTime as a Kubernetes object. Create one per export; its status is"
        + " the ExportDescription (kubectl get tableexports is list-exports).\"}")
public class TableExport extends CustomResource<TableExportSpec, TableExportStatus>
    implements Namespaced {

  public static final String GROUP = "tableexport.dev";
  public static final String VERSION = "v1alpha1";
  /**
   * kubectl get tableexport-all lists every kind of the operator ("tableexport" alone is the
   * singular of TableExport).
   */
  public static final String CATEGORY = "tableexport-all";

  @Override
  @Required
  @JsonPropertyDescription(
      "The export to run, as the fields of DynamoDB's ExportTableToPointInTime request."
          + " Immutable: a new export is a new TableExport.")
  public TableExportSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "Where the export is, as the fields of DynamoDB's ExportDescription, written by the"
          + " operator.")
  public TableExportStatus getStatus() {
    return super.getStatus();
  }
}
