package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The TableExport spec of a schedule's runs, without the times and client token it sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.s3SseKmsKeyId) || (has(self.s3SseAlgorithm) && self.s3SseAlgorithm == 'KMS')",
    message = "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS")
public class TableExportTemplate extends ExportParameters {

  @JsonPropertyDescription(
      "TableExport's spec.incrementalExportSpecification.exportViewType of every link,"
          + " NEW_AND_OLD_IMAGES or NEW_IMAGE; only valid with exportType INCREMENTAL_EXPORT."
          + " Default: NEW_AND_OLD_IMAGES.")
  private ExportViewType exportViewType;

  public ExportViewType getExportViewType() {
    return exportViewType;
  }

  public void setExportViewType(ExportViewType exportViewType) {
    this.exportViewType = exportViewType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportTemplate that
        && sameParameters(that)
        && exportViewType == that.exportViewType;
  }

  @Override
  public int hashCode() {
    return Objects.hash(parametersHashCode(), exportViewType);
  }
}
