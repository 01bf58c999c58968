package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** DescribeContinuousBackups' PointInTimeRecoveryDescription, plus the recorder's state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsListMap.class, input = "")
public class ContinuousBackupStatus implements WithConditions {

  @JsonPropertyDescription(
      "ENABLED once there is a restorable window (mode Recorder: once the first base snapshot is"
          + " complete; mode Native: as DescribeContinuousBackups says); DISABLED before."
          + " DynamoDB: PointInTimeRecoveryStatus.")
  private PointInTimeRecoveryStatus pointInTimeRecoveryStatus;

  @DateTime
  @JsonPropertyDescription(
      "Earliest time a TableExport can export this table at, RFC 3339. DynamoDB:"
          + " EarliestRestorableDateTime.")
  private String earliestRestorableDateTime;

  @DateTime
  @JsonPropertyDescription(
      "Latest time a TableExport can export this table at, RFC 3339; typically a little behind"
          + " now (see lagSeconds). DynamoDB: LatestRestorableDateTime.")
  private String latestRestorableDateTime;

  @JsonPropertyDescription(
      "Spans inside the restorable window in which no time is restorable, oldest first: the"
          + " recorder was down or behind the stream then, and changes it read late cannot be timed"
          + " exactly. A TableExport at a time strictly inside one, or an incremental window that"
          + " overlaps one, fails with InvalidExportTimeException. The window's start moves past a"
          + " hole once a base snapshot taken after it is complete.")
  private List<RestorableWindowHole> holes = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status was written for.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Kubernetes conditions: the latest observations of the backup, at most one per type.")
  @SchemaFrom(type = KubernetesCondition[].class)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "How far, in seconds, the recorder is behind the table's stream: the newest changes are"
          + " not restorable yet.")
  private Long lagSeconds;

  @JsonPropertyDescription(
      "Name of the Deployment, in this namespace, that runs the recorder for this table.")
  private String deploymentName;

  @JsonPropertyDescription(
      "Who keeps the table restorable: Native (the store's own point-in-time recovery) or"
          + " Recorder (our recorder Deployment); spec.mode Auto resolved.")
  private BackupMode mode;

  @JsonPropertyDescription(
      "Days the store keeps restorable, with mode Native. DynamoDB: RecoveryPeriodInDays.")
  private Integer recoveryPeriodInDays;

  public PointInTimeRecoveryStatus getPointInTimeRecoveryStatus() {
    return pointInTimeRecoveryStatus;
  }

  public void setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus pointInTimeRecoveryStatus) {
    this.pointInTimeRecoveryStatus = pointInTimeRecoveryStatus;
  }

  public String getEarliestRestorableDateTime() {
    return earliestRestorableDateTime;
  }

  public void setEarliestRestorableDateTime(String earliestRestorableDateTime) {
    this.earliestRestorableDateTime = earliestRestorableDateTime;
  }

  public String getLatestRestorableDateTime() {
    return latestRestorableDateTime;
  }

  public void setLatestRestorableDateTime(String latestRestorableDateTime) {
    this.latestRestorableDateTime = latestRestorableDateTime;
  }

  public List<RestorableWindowHole> getHoles() {
    return holes;
  }

  public void setHoles(List<RestorableWindowHole> holes) {
    this.holes = holes;
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

  public Long getLagSeconds() {
    return lagSeconds;
  }

  public void setLagSeconds(Long lagSeconds) {
    this.lagSeconds = lagSeconds;
  }

  public String getDeploymentName() {
    return deploymentName;
  }

  public void setDeploymentName(String deploymentName) {
    this.deploymentName = deploymentName;
  }

  public BackupMode getMode() {
    return mode;
  }

  public void setMode(BackupMode mode) {
    this.mode = mode;
  }

  public Integer getRecoveryPeriodInDays() {
    return recoveryPeriodInDays;
  }

  public void setRecoveryPeriodInDays(Integer recoveryPeriodInDays) {
    this.recoveryPeriodInDays = recoveryPeriodInDays;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContinuousBackupStatus that
        && pointInTimeRecoveryStatus == that.pointInTimeRecoveryStatus
        && Objects.equals(earliestRestorableDateTime, that.earliestRestorableDateTime)
        && Objects.equals(latestRestorableDateTime, that.latestRestorableDateTime)
        && Objects.equals(holes, that.holes)
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(lagSeconds, that.lagSeconds)
        && Objects.equals(deploymentName, that.deploymentName)
        && mode == that.mode
        && Objects.equals(recoveryPeriodInDays, that.recoveryPeriodInDays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        pointInTimeRecoveryStatus,
        earliestRestorableDateTime,
        latestRestorableDateTime,
        holes,
        observedGeneration,
        conditions,
        lagSeconds,
        deploymentName,
        mode,
        recoveryPeriodInDays);
  }
}
