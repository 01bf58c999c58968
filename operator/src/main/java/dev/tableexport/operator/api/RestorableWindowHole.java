package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A span of the restorable window in which no time can be exported. */
public class RestorableWindowHole {

  @DateTime
  @JsonPropertyDescription("Start of the hole, RFC 3339; this time itself is restorable.")
  private String start;

  @DateTime
  @JsonPropertyDescription("End of the hole, RFC 3339; this time itself is restorable.")
  private String end;

  public RestorableWindowHole() {}

  public RestorableWindowHole(String start, String end) {
    this.start = start;
    this.end = end;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RestorableWindowHole that && Objects.equals(start, that.start) && Objects.equals(end, that.end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, end);
  }
}
