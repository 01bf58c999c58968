package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** Which table to keep restorable, how, where to, and for how long. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.mode) && self.mode != 'Recorder' || has(self.store)",
    message = "mode Recorder needs store: the bucket and prefix the recorder writes to")
public class ContinuousBackupSpec {

  @Required
  @Size(min = 1, max = 1024)
  @Pattern(ExportParameters.TABLE_ARN_PATTERN)
  @ValidationRule(
      value = "self == oldSelf",
      message =
          "tableArn is immutable: a ContinuousBackup records one table; create another"
              + " ContinuousBackup for another table")
  @JsonPropertyDescription(
      "ARN of the table to record: arn:<partition>:dynamodb:<region>:<12-digit account>:table/"
          + "<name>. Required and immutable. With mode Recorder its stream is used (turned on with"
          + " NEW_AND_OLD_IMAGES when it has none)."
          + " DynamoDB: the TableName of UpdateContinuousBackups.")
  private String tableArn;

  @Default("Auto")
  @JsonPropertyDescription(
      "Who keeps the table restorable. Native: the store's own point-in-time recovery (Amazon"
          + " DynamoDB), turned on with UpdateContinuousBackups and kept on; no recorder, no store."
          + " Recorder: our recorder Deployment tails the table's stream into store. Auto: Native"
          + " when the store answers DescribeContinuousBackups, Recorder when it answers that the"
          + " operation is unknown (DynamoDB Local). Default: Auto.")
  private BackupMode mode;

  @JsonPropertyDescription(
      "Bucket and prefix that keep the table's change log and base snapshots, which exports at a"
          + " past time and incremental exports read. Required with mode Recorder (and with Auto on"
          + " a store without its own point-in-time recovery); unused with Native.")
  private BackupStore store;

  @JsonPropertyDescription(
      "With mode Native: deleting this ContinuousBackup turns the table's point-in-time recovery"
          + " off (a finalizer waits for it). Default: false, PITR stays as it is.")
  private Boolean disableOnDelete;

  @Min(1)
  @Max(35)
  @Default("35")
  @JsonPropertyDescription(
      "Days of history to keep restorable, 1 to 35. Default: 35. DynamoDB:"
          + " RecoveryPeriodInDays.")
  private Integer recoveryPeriodInDays;

  public String getTableArn() {
    return tableArn;
  }

  public void setTableArn(String tableArn) {
    this.tableArn = tableArn;
  }

  public BackupMode getMode() {
    return mode;
  }

  public void setMode(BackupMode mode) {
    this.mode = mode;
  }

  public Boolean getDisableOnDelete() {
    return disableOnDelete;
  }

  public void setDisableOnDelete(Boolean disableOnDelete) {
    this.disableOnDelete = disableOnDelete;
  }

  public BackupStore getStore() {
    return store;
  }

  public void setStore(BackupStore store) {
    this.store = store;
  }

  public Integer getRecoveryPeriodInDays() {
    return recoveryPeriodInDays;
  }

  public void setRecoveryPeriodInDays(Integer recoveryPeriodInDays) {
    this.recoveryPeriodInDays = recoveryPeriodInDays;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContinuousBackupSpec that
        && Objects.equals(tableArn, that.tableArn)
        && mode == that.mode
        && Objects.equals(store, that.store)
        && Objects.equals(disableOnDelete, that.disableOnDelete)
        && Objects.equals(recoveryPeriodInDays, that.recoveryPeriodInDays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tableArn, mode, store, disableOnDelete, recoveryPeriodInDays);
  }
}
