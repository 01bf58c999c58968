package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** An ExportTableToPointInTime request, field for field (those a schedule shares: {@link
 * ExportParameters}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message = "spec is immutable: create a new TableExport for a new export")
@ValidationRule(
    value =
        "!has(self.exportType) || self.exportType != 'INCREMENTAL_EXPORT'"
            + " || has(self.incrementalExportSpecification)",
    message =
        "exportType INCREMENTAL_EXPORT needs incrementalExportSpecification, with at least"
            + " exportFromTime")
@ValidationRule(
    value =
        "!has(self.incrementalExportSpecification)"
            + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
    message = "incrementalExportSpecification is only valid with exportType INCREMENTAL_EXPORT")
@ValidationRule(
    value = "!has(self.exportTime) || !has(self.exportType) || self.exportType == 'FULL_EXPORT'",
    message =
        "exportTime is only valid with exportType FULL_EXPORT; an incremental export takes"
            + " incrementalExportSpecification.exportFromTime and exportToTime")
@ValidationRule(
    value =
        "!has(self.s3SseKmsKeyId) || (has(self.s3SseAlgorithm) && self.s3SseAlgorithm == 'KMS')",
    message = "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS")
@ValidationRule(
    value =
        "!has(self.compactionOf) || !has(self.exportType) || self.exportType == 'FULL_EXPORT'",
    message =
        "compactionOf is only valid with exportType FULL_EXPORT: a compaction is a full export")
public class TableExportSpec extends ExportParameters {

  @Default("FULL_EXPORT")
  @JsonPropertyDescription(
      "FULL_EXPORT: the whole table as it was at exportTime. INCREMENTAL_EXPORT: the items that"
          + " changed in the window of incrementalExportSpecification. Default: FULL_EXPORT."
          + " DynamoDB: ExportType.")
  private ExportType exportType;

  @DateTime
  @JsonPropertyDescription(
      "Point in time to export the table at, RFC 3339 (2026-01-14T10:18:50Z; offsets allowed)."
          + " It must lie inside the table's restorable window (DescribeContinuousBackups, or the"
          + " ContinuousBackup's status)."
          + " Default: the latest restorable time. Only valid with exportType FULL_EXPORT."
          + " DynamoDB: ExportTime.")
  private String exportTime;

  @JsonPropertyDescription(
      "Window and view of an incremental export: required with exportType INCREMENTAL_EXPORT and"
          + " only valid with it. DynamoDB: IncrementalExportSpecification.")
  private IncrementalExportSpecification incrementalExportSpecification;

  @Pattern("^[^\\$]+$")
  @JsonPropertyDescription(
      "Idempotency token. As in DynamoDB, a token is valid for 8 hours after the export that"
          + " first used it completes; reusing it within that time for an export with other"
          + " parameters fails with ExportConflictException. Default: none. DynamoDB: ClientToken.")
  private String clientToken;

  @JsonPropertyDescription(
      "Makes this export a compaction: a full export of the table as of the last input's"
          + " exportToTime, written from the inputs' data in S3 without reading the table (the"
          + " runner's compact command, on the Runner engine whatever spec.engine says)."
          + " exportTime, when given, should be that time. A schedule with compactEvery creates"
          + " these. Default: none, the export reads the table. Not a DynamoDB field.")
  private CompactionOf compactionOf;

  public ExportType getExportType() {
    return exportType;
  }

  public void setExportType(ExportType exportType) {
    this.exportType = exportType;
  }

  public String getExportTime() {
    return exportTime;
  }

  public void setExportTime(String exportTime) {
    this.exportTime = exportTime;
  }

  public IncrementalExportSpecification getIncrementalExportSpecification() {
    return incrementalExportSpecification;
  }

  public void setIncrementalExportSpecification(
      IncrementalExportSpecification incrementalExportSpecification) {
    this.incrementalExportSpecification = incrementalExportSpecification;
  }

  public String getClientToken() {
    return clientToken;
  }

  public void setClientToken(String clientToken) {
    this.clientToken = clientToken;
  }

  public CompactionOf getCompactionOf() {
    return compactionOf;
  }

  public void setCompactionOf(CompactionOf compactionOf) {
    this.compactionOf = compactionOf;
  }

  /** A compaction reads only S3, in one pod: it is never split. */
  @Override
  public int parallelismOrOne() {
    return compactionOf != null ? 1 : super.parallelismOrOne();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportSpec that
        && sameParameters(that)
        && exportType == that.exportType
        && Objects.equals(exportTime, that.exportTime)
        && Objects.equals(incrementalExportSpecification, that.incrementalExportSpecification)
        && Objects.equals(clientToken, that.clientToken)
        && Objects.equals(compactionOf, that.compactionOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        parametersHashCode(), exportType, exportTime, incrementalExportSpecification, clientToken,
        compactionOf);
  }
}
