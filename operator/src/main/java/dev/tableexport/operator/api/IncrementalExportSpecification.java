package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The window and view of an incremental export. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.exportToTime) || self.exportFromTime < self.exportToTime",
    message = "exportFromTime must be before exportToTime")
public class IncrementalExportSpecification {

  @Required
  @DateTime
  @JsonPropertyDescription(
      "Start of the window, inclusive, RFC 3339 (2026-01-14T10:00:00Z). Required. The window"
          + " must lie inside the table's restorable window. DynamoDB: ExportFromTime.")
  private String exportFromTime;

  @DateTime
  @JsonPropertyDescription(
      "End of the window, exclusive, RFC 3339. DynamoDB takes windows of 15 minutes to 24 hours."
          + " Default: the latest restorable time. DynamoDB: ExportToTime.")
  private String exportToTime;

  @Default("NEW_AND_OLD_IMAGES")
  @JsonPropertyDescription(
      "What the record of each changed item holds: NEW_AND_OLD_IMAGES (the item just before"
          + " exportToTime and as it was at exportFromTime) or NEW_IMAGE (only the former)."
          + " Default: NEW_AND_OLD_IMAGES. DynamoDB: ExportViewType.")
  private ExportViewType exportViewType;

  public String getExportFromTime() {
    return exportFromTime;
  }

  public void setExportFromTime(String exportFromTime) {
    this.exportFromTime = exportFromTime;
  }

  public String getExportToTime() {
    return exportToTime;
  }

  public void setExportToTime(String exportToTime) {
    this.exportToTime = exportToTime;
  }

  public ExportViewType getExportViewType() {
    return exportViewType;
  }

  public void setExportViewType(ExportViewType exportViewType) {
    this.exportViewType = exportViewType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IncrementalExportSpecification that
        && Objects.equals(exportFromTime, that.exportFromTime)
        && Objects.equals(exportToTime, that.exportToTime)
        && exportViewType == that.exportViewType;
  }

  @Override
  public int hashCode() {
    return Objects.hash(exportFromTime, exportToTime, exportViewType);
  }
}
