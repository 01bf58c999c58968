package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a schedule's retention removed the last time it removed anything. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetentionRemoval {

  @DateTime
  @JsonPropertyDescription("When, RFC 3339.")
  private String time;

  @JsonPropertyDescription("Names of the TableExports deleted.")
  private List<String> exports = new ArrayList<>();

  @JsonPropertyDescription(
      "Names of those whose objects in S3 were deleted too (spec.retention.deleteData).")
  private List<String> data = new ArrayList<>();

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public List<String> getExports() {
    return exports;
  }

  public void setExports(List<String> exports) {
    this.exports = exports;
  }

  public List<String> getData() {
    return data;
  }

  public void setData(List<String> data) {
    this.data = data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetentionRemoval that
        && Objects.equals(time, that.time)
        && Objects.equals(exports, that.exports)
        && Objects.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, exports, data);
  }
}
