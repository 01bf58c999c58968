package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An ExportDescription, plus what Kubernetes conventions and a person watching want. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsListMap.class, input = "")
public class TableExportStatus implements WithConditions {

  @JsonPropertyDescription(
      "ARN of the export: on the Native engine the one the store returned; on the Runner engine"
          + " the one the operator assigned, <tableArn>/export/<ExportId>, the ExportId being the"
          + " start time in epoch milliseconds, a dash and 8 hex digits. DynamoDB: ExportArn.")
  private String exportArn;

  @JsonPropertyDescription(
      "PENDING until the export ends, then COMPLETED or FAILED (DynamoDB says IN_PROGRESS where"
          + " this says PENDING). DynamoDB: ExportStatus.")
  private ExportStatus exportStatus;

  @JsonPropertyDescription(
      "Why the export failed, in DynamoDB's words: InvalidExportTimeException,"
          + " PointInTimeRecoveryUnavailableException, ExportConflictException,"
          + " ValidationException, S3NoSuchBucket, ...; or RunnerCannotStart when the runner's"
          + " pod cannot start (its image, its ServiceAccount or its credentials Secret)."
          + " Set only when exportStatus is FAILED. DynamoDB: FailureCode.")
  private String failureCode;

  @JsonPropertyDescription(
      "What went wrong and what to change. Set only when exportStatus is FAILED. DynamoDB:"
          + " FailureMessage.")
  private String failureMessage;

  @DateTime
  @JsonPropertyDescription("When the export started, RFC 3339. DynamoDB: StartTime.")
  private String startTime;

  @DateTime
  @JsonPropertyDescription("When the export completed or failed, RFC 3339. DynamoDB: EndTime.")
  private String endTime;

  @DateTime
  @JsonPropertyDescription(
      "Point in time the export is of, RFC 3339: spec.exportTime, or the latest restorable time"
          + " an omitted one resolved to. DynamoDB: ExportTime.")
  private String exportTime;

  @JsonPropertyDescription(
      "S3 key of the export's manifest-summary.json, prefix included. Set once COMPLETED."
          + " DynamoDB: ExportManifest.")
  private String exportManifest;

  @JsonPropertyDescription(
      "Number of items exported (of changed items, for an incremental export). Set once"
          + " COMPLETED. DynamoDB: ItemCount.")
  private Long itemCount;

  @JsonPropertyDescription(
      "Size of the exported data in bytes, by DynamoDB's item-size rules. Set once COMPLETED."
          + " DynamoDB: BilledSizeBytes.")
  private Long billedSizeBytes;

  @JsonPropertyDescription(
      "ID of the exported table (DynamoDB Local has none: the runner derives a stable one)."
          + " DynamoDB: TableId.")
  private String tableId;

  @JsonPropertyDescription("The metadata.generation this status was written for.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Kubernetes conditions: the latest observations of the export, at most one per type.")
  @SchemaFrom(type = KubernetesCondition[].class)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The engine that runs the export: Native (the store's own export, followed with"
          + " DescribeExport) or Runner (a Job of ours); the Started condition's message says why.")
  private Engine engine;

  @JsonPropertyDescription("Name of the batch/v1 Job, in this namespace, that runs the export.")
  private String jobName;

  @JsonPropertyDescription(
      "One short line for people on where the export is; informational, not for automation.")
  private String progress;

  public String getExportArn() {
    return exportArn;
  }

  public void setExportArn(String exportArn) {
    this.exportArn = exportArn;
  }

  public ExportStatus getExportStatus() {
    return exportStatus;
  }

  public void setExportStatus(ExportStatus exportStatus) {
    this.exportStatus = exportStatus;
  }

  public String getFailureCode() {
    return failureCode;
  }

  public void setFailureCode(String failureCode) {
    this.failureCode = failureCode;
  }

  public String getFailureMessage() {
    return failureMessage;
  }

  public void setFailureMessage(String failureMessage) {
    this.failureMessage = failureMessage;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getEndTime() {
    return endTime;
  }

  public void setEndTime(String endTime) {
    this.endTime = endTime;
  }

  public String getExportTime() {
    return exportTime;
  }

  public void setExportTime(String exportTime) {
    this.exportTime = exportTime;
  }

  public String getExportManifest() {
    return exportManifest;
  }

  public void setExportManifest(String exportManifest) {
    this.exportManifest = exportManifest;
  }

  public Long getItemCount() {
    return itemCount;
  }

  public void setItemCount(Long itemCount) {
    this.itemCount = itemCount;
  }

  public Long getBilledSizeBytes() {
    return billedSizeBytes;
  }

  public void setBilledSizeBytes(Long billedSizeBytes) {
    this.billedSizeBytes = billedSizeBytes;
  }

  public String getTableId() {
    return tableId;
  }

  public void setTableId(String tableId) {
    this.tableId = tableId;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  @Override
  public List<Condition> getConditions() {
    return conditions;
  }

  @Override
  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Engine getEngine() {
    return engine;
  }

  public void setEngine(Engine engine) {
    this.engine = engine;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public String getProgress() {
    return progress;
  }

  public void setProgress(String progress) {
    this.progress = progress;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportStatus that
        && Objects.equals(exportArn, that.exportArn)
        && exportStatus == that.exportStatus
        && Objects.equals(failureCode, that.failureCode)
        && Objects.equals(failureMessage, that.failureMessage)
        && Objects.equals(startTime, that.startTime)
        && Objects.equals(endTime, that.endTime)
        && Objects.equals(exportTime, that.exportTime)
        && Objects.equals(exportManifest, that.exportManifest)
        && Objects.equals(itemCount, that.itemCount)
        && Objects.equals(billedSizeBytes, that.billedSizeBytes)
        && Objects.equals(tableId, that.tableId)
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(conditions, that.conditions)
        && engine == that.engine
        && Objects.equals(jobName, that.jobName)
        && Objects.equals(progress, that.progress);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        exportArn,
        exportStatus,
        failureCode,
        failureMessage,
        startTime,
        endTime,
        exportTime,
        exportManifest,
        itemCount,
        billedSizeBytes,
        tableId,
        observedGeneration,
        conditions,
        engine,
        jobName,
        progress);
  }
}
