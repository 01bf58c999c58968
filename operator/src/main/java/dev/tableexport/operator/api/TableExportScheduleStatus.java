package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A schedule's runs, chain and next run, as the operator sees them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableExportScheduleStatus implements WithConditions {

  @DateTime
  @JsonPropertyDescription(
      "Scheduled time of the newest run, RFC 3339 (of a chain link: its exportToTime).")
  private String lastScheduleTime;

  @DateTime
  @JsonPropertyDescription(
      "When the next run is due, RFC 3339; it starts once that time is restorable.")
  private String nextScheduleTime;

  @JsonPropertyDescription("Name of the newest run's TableExport.")
  private String lastExport;

  @JsonPropertyDescription("exportStatus of the newest run: PENDING, COMPLETED or FAILED.")
  private ExportStatus lastExportStatus;

  @JsonPropertyDescription("Name of the newest COMPLETED run's TableExport.")
  private String lastSuccessfulExport;

  @JsonPropertyDescription(
      "The incremental chain (exportType INCREMENTAL_EXPORT): base, head time, links.")
  private ExportChain chain;

  @JsonPropertyDescription("What spec.retention removed the last time it removed anything.")
  private RetentionRemoval lastRetention;

  @JsonPropertyDescription("The metadata.generation this status was written for.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Kubernetes conditions: Ready (runs are being scheduled; False with the reason when the"
          + " spec is invalid, the table not restorable or the chain broken) and Degraded (the"
          + " newest run FAILED).")
  @SchemaFrom(type = KubernetesCondition[].class)
  private List<Condition> conditions = new ArrayList<>();

  public String getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(String lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public String getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(String nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public String getLastExport() {
    return lastExport;
  }

  public void setLastExport(String lastExport) {
    this.lastExport = lastExport;
  }

  public ExportStatus getLastExportStatus() {
    return lastExportStatus;
  }

  public void setLastExportStatus(ExportStatus lastExportStatus) {
    this.lastExportStatus = lastExportStatus;
  }

  public String getLastSuccessfulExport() {
    return lastSuccessfulExport;
  }

  public void setLastSuccessfulExport(String lastSuccessfulExport) {
    this.lastSuccessfulExport = lastSuccessfulExport;
  }

  public ExportChain getChain() {
    return chain;
  }

  public void setChain(ExportChain chain) {
    this.chain = chain;
  }

  public RetentionRemoval getLastRetention() {
    return lastRetention;
  }

  public void setLastRetention(RetentionRemoval lastRetention) {
    this.lastRetention = lastRetention;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportScheduleStatus that
        && Objects.equals(lastScheduleTime, that.lastScheduleTime)
        && Objects.equals(nextScheduleTime, that.nextScheduleTime)
        && Objects.equals(lastExport, that.lastExport)
        && lastExportStatus == that.lastExportStatus
        && Objects.equals(lastSuccessfulExport, that.lastSuccessfulExport)
        && Objects.equals(chain, that.chain)
        && Objects.equals(lastRetention, that.lastRetention)
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(conditions, that.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lastScheduleTime, nextScheduleTime, lastExport, lastExportStatus,
        lastSuccessfulExport, chain, lastRetention, observedGeneration, conditions);
  }
}
