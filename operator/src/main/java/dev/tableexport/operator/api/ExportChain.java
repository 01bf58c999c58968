package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** An incremental chain: its base and how far its completed links reach. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExportChain {

  @JsonPropertyDescription(
      "Number of the chain, from 1; a new chain (rebaseOnGap) has the next number, and its runs"
          + " carry it in their names (<schedule>-c<number>-...).")
  private Integer number;

  @JsonPropertyDescription(
      "Name of the chain's base: the FULL TableExport it continues, or none when it starts at"
          + " spec.chainStart.")
  private String base;

  @DateTime
  @JsonPropertyDescription(
      "Where the chain starts, RFC 3339: its base's export time, or spec.chainStart.")
  private String baseTime;

  @DateTime
  @JsonPropertyDescription(
      "How far the chain reaches, RFC 3339: the exportToTime of its newest COMPLETED link (the"
          + " base time before the first). The base plus the links give the table at this time.")
  private String headTime;

  @JsonPropertyDescription("Number of COMPLETED links of the chain.")
  private Integer links;

  @JsonPropertyDescription(
      "Name of the chain's newest COMPLETED compaction (spec.compactEvery): a FULL TableExport"
          + " of the table at lastCompactionTime, made from the chain's data in S3.")
  private String lastCompaction;

  @DateTime
  @JsonPropertyDescription("The export time of lastCompaction, RFC 3339.")
  private String lastCompactionTime;

  public Integer getNumber() {
    return number;
  }

  public void setNumber(Integer number) {
    this.number = number;
  }

  public String getBase() {
    return base;
  }

  public void setBase(String base) {
    this.base = base;
  }

  public String getBaseTime() {
    return baseTime;
  }

  public void setBaseTime(String baseTime) {
    this.baseTime = baseTime;
  }

  public String getHeadTime() {
    return headTime;
  }

  public void setHeadTime(String headTime) {
    this.headTime = headTime;
  }

  public Integer getLinks() {
    return links;
  }

  public void setLinks(Integer links) {
    this.links = links;
  }

  public String getLastCompaction() {
    return lastCompaction;
  }

  public void setLastCompaction(String lastCompaction) {
    this.lastCompaction = lastCompaction;
  }

  public String getLastCompactionTime() {
    return lastCompactionTime;
  }

  public void setLastCompactionTime(String lastCompactionTime) {
    this.lastCompactionTime = lastCompactionTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportChain that
        && Objects.equals(number, that.number)
        && Objects.equals(base, that.base)
        && Objects.equals(baseTime, that.baseTime)
        && Objects.equals(headTime, that.headTime)
        && Objects.equals(links, that.links)
        && Objects.equals(lastCompaction, that.lastCompaction)
        && Objects.equals(lastCompactionTime, that.lastCompactionTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, base, baseTime, headTime, links, lastCompaction,
        lastCompactionTime);
  }
}
