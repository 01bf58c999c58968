package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Exports a table on a cron schedule: a full export per run, or an incremental chain whose links
 * follow each other without gap or overlap. Each run is an ordinary TableExport it owns.
 */
@Group(TableExport.GROUP)
@Version(TableExport.VERSION)
@Kind("TableExportSchedule")
@Plural("tableexportschedules")
@Singular("tableexportschedule")
@ShortNames("texs")
@AdditionalPrinterColumn(name = "Table", jsonPath = ".spec.template.tableArn")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.exportType")
@AdditionalPrinterColumn(name = "Last Run", jsonPath = ".status.lastScheduleTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Last Status", jsonPath = ".status.lastExportStatus")
@AdditionalPrinterColumn(name = "Next Run", jsonPath = ".status.nextScheduleTime")
@AdditionalPrinterColumn(name = "Suspended", jsonPath = ".spec.suspend", type = Type.BOOLEAN)
public class TableExportSchedule
    extends CustomResource<TableExportScheduleSpec, TableExportScheduleStatus>
    implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription(
      "When to export, what kind of export, and the TableExport each run creates.")
  public TableExportScheduleSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "The runs so far, the incremental chain and the next run, written by the operator.")
  public TableExportScheduleStatus getStatus() {
    return super.getStatus();
  }
}
