package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Which of a schedule's ended runs are kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduleRetention {

  @Min(1)
  @JsonPropertyDescription(
      "How many COMPLETED runs to keep, the newest. Default: all.")
  private Integer successfulExports;

  @Min(0)
  @JsonPropertyDescription("How many FAILED runs to keep, the newest. Default: all.")
  private Integer failedExports;

  @Size(min = 2, max = 32)
  @Pattern(TableExportScheduleSpec.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Ended runs scheduled longer ago than this are removed, such as 720h for 30 days."
          + " Default: no age limit.")
  private String maxAge;

  @Default("false")
  @JsonPropertyDescription(
      "True also deletes a removed run's objects in S3 (DynamoDB never deletes export data);"
          + " a COMPLETED run's data only once a newer full export of the schedule (a"
          + " compaction counts) has COMPLETED, so the newest full export and the chain links"
          + " after it are never lost: until then the run is kept, as are the inputs of a"
          + " running compaction. False keeps the data. Default: false.")
  private Boolean deleteData;

  public Integer getSuccessfulExports() {
    return successfulExports;
  }

  public void setSuccessfulExports(Integer successfulExports) {
    this.successfulExports = successfulExports;
  }

  public Integer getFailedExports() {
    return failedExports;
  }

  public void setFailedExports(Integer failedExports) {
    this.failedExports = failedExports;
  }

  public String getMaxAge() {
    return maxAge;
  }

  public void setMaxAge(String maxAge) {
    this.maxAge = maxAge;
  }

  public Boolean getDeleteData() {
    return deleteData;
  }

  public void setDeleteData(Boolean deleteData) {
    this.deleteData = deleteData;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduleRetention that
        && Objects.equals(successfulExports, that.successfulExports)
        && Objects.equals(failedExports, that.failedExports)
        && Objects.equals(maxAge, that.maxAge)
        && Objects.equals(deleteData, that.deleteData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(successfulExports, failedExports, maxAge, deleteData);
  }
}
