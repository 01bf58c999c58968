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

/** Which table to record, where to, and for how long. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContinuousBackupSpec {

  @Required
  @Size(min = 1, max = 1024)
  @Pattern(TableExportSpec.TABLE_ARN_PATTERN)
  @ValidationRule(
      value = "self == oldSelf",
      message =
          "tableArn is immutable: a ContinuousBackup records one table; create another"
              + " ContinuousBackup for another table")
  @JsonPropertyDescription(
      "ARN of the table to record: arn:<partition>:dynamodb:<region>:<12-digit account>:table/"
          + "<name>. Required and immutable. Its stream must be enabled with NEW_AND_OLD_IMAGES."
          + " DynamoDB: the TableName of UpdateContinuousBackups.")
  private String tableArn;

  @Required
  @JsonPropertyDescription(
      "Bucket and prefix that keep the table's change log and base snapshots, which exports at a"
          + " past time and incremental exports read. Required.")
  private BackupStore store;

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
        && Objects.equals(store, that.store)
        && Objects.equals(recoveryPeriodInDays, that.recoveryPeriodInDays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tableArn, store, recoveryPeriodInDays);
  }
}
