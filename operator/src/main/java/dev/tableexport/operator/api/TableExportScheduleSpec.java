package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** When a schedule runs, what each run exports, and how long runs are kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.concurrencyPolicy) || self.concurrencyPolicy == 'Forbid'"
            + " || !has(self.exportType) || self.exportType == 'FULL_EXPORT'",
    message =
        "concurrencyPolicy Allow is only valid with exportType FULL_EXPORT: the links of an"
            + " incremental chain run one after the other")
@ValidationRule(
    value =
        "!has(self.chainStart)"
            + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
    message = "chainStart is only valid with exportType INCREMENTAL_EXPORT")
@ValidationRule(
    value =
        "!has(self.rebaseOnGap) || !self.rebaseOnGap"
            + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
    message = "rebaseOnGap is only valid with exportType INCREMENTAL_EXPORT")
@ValidationRule(
    value =
        "!has(self.template.exportViewType)"
            + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
    message = "template.exportViewType is only valid with exportType INCREMENTAL_EXPORT")
@ValidationRule(
    value =
        "(has(self.exportType) ? self.exportType : 'FULL_EXPORT')"
            + " == (has(oldSelf.exportType) ? oldSelf.exportType : 'FULL_EXPORT')",
    message =
        "exportType is immutable: create a new TableExportSchedule for the other kind of export")
@ValidationRule(
    value = "self.template.tableArn == oldSelf.template.tableArn",
    message =
        "template.tableArn is immutable: a schedule exports one table; create a new"
            + " TableExportSchedule for another")
@ValidationRule(
    value =
        "!has(self.compactEvery)"
            + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
    message = "compactEvery is only valid with exportType INCREMENTAL_EXPORT")
@ValidationRule(
    value = "!has(self.compactEvery) || !has(self.chainStart)",
    message =
        "compactEvery is not valid with chainStart: a compaction starts from the chain's base full"
            + " export, and a chain from chainStart has none")
public class TableExportScheduleSpec {

  /** A Kubernetes-style duration: hours, minutes and seconds, such as 15m, 1h30m or 720h. */
  public static final String DURATION_PATTERN = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$";

  @Required
  @Size(min = 1, max = 256)
  @Pattern(
      "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
          + "|[^\\s]+\\s+[^\\s]+\\s+[^\\s]+\\s+[^\\s]+\\s+[^\\s]+)$")
  @JsonPropertyDescription(
      "When runs are scheduled: a standard 5-field cron expression (minute hour day-of-month"
          + " month day-of-week; *, lists, ranges, steps, month and day names), or @yearly,"
          + " @monthly, @weekly, @daily, @midnight or @hourly. Required. An incremental chain"
          + " needs at least 15 minutes between runs, as DynamoDB takes no shorter window.")
  private String schedule;

  @Default("UTC")
  @Size(min = 1, max = 64)
  @JsonPropertyDescription(
      "IANA time zone the schedule is read in, such as Europe/Paris; daylight saving time is"
          + " followed: a time skipped by the clock change runs when the clocks jump, a time that"
          + " occurs twice runs once, the first time. Default: UTC.")
  private String timeZone;

  @Default("false")
  @JsonPropertyDescription(
      "True stops new runs; running ones finish. On resume a full schedule runs the latest missed"
          + " time (at that time), and a chain exports the suspended period without a gap."
          + " Default: false.")
  private Boolean suspend;

  @Default("FULL_EXPORT")
  @JsonPropertyDescription(
      "FULL_EXPORT: each run exports the whole table at its scheduled time. INCREMENTAL_EXPORT:"
          + " each run exports what changed since the previous run ended, as a chain (see"
          + " status.chain). Immutable. Default: FULL_EXPORT.")
  private ExportType exportType;

  @Required
  @JsonPropertyDescription(
      "The TableExport spec of every run, without its times and client token, which the"
          + " schedule sets. Required.")
  private TableExportTemplate template;

  @Default("15m")
  @Size(min = 2, max = 32)
  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long a full run waits for its scheduled time to become restorable (the store's"
          + " latest restorable time lags behind the clock); after that it exports the latest"
          + " restorable time. A duration such as 15m or 1h. Default: 15m.")
  private String startingDeadline;

  @DateTime
  @JsonPropertyDescription(
      "Where an incremental chain starts, RFC 3339: its first link exports from this time. It"
          + " must be restorable. Default: none, the chain starts with a full export (its base)"
          + " at the schedule's start, and links from its export time. Only valid with exportType"
          + " INCREMENTAL_EXPORT.")
  private String chainStart;

  @Default("false")
  @JsonPropertyDescription(
      "When the table's restorable window has moved past the end of the chain (the schedule was"
          + " suspended or failing for longer than the recovery period), true starts a new chain"
          + " with a new full export; false stops the chain with condition Ready False. Only"
          + " valid with exportType INCREMENTAL_EXPORT. Default: false.")
  private Boolean rebaseOnGap;

  @Min(1)
  @JsonPropertyDescription(
      "After every this many COMPLETED links, the schedule makes a compaction: a FULL TableExport"
          + " of the table as of the last link's exportToTime, written from the chain's data in S3"
          + " (the newest COMPLETED compaction, or the chain's base, and the links after it)"
          + " without reading the table. Only valid with exportType INCREMENTAL_EXPORT, and not"
          + " with chainStart. Default: none, no compaction.")
  private Integer compactEvery;

  @Default("Forbid")
  @JsonPropertyDescription(
      "Forbid: a run waits until the previous one has ended (chains always do). Allow: runs may"
          + " overlap; only valid with exportType FULL_EXPORT. Default: Forbid.")
  private ConcurrencyPolicy concurrencyPolicy;

  @JsonPropertyDescription(
      "Which ended runs to keep; the others' TableExports are deleted. Default: none, every run"
          + " is kept until the operator's history retention, which the schedule applies to its"
          + " runs except those its chain still needs.")
  private ScheduleRetention retention;

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public ExportType getExportType() {
    return exportType;
  }

  public void setExportType(ExportType exportType) {
    this.exportType = exportType;
  }

  public TableExportTemplate getTemplate() {
    return template;
  }

  public void setTemplate(TableExportTemplate template) {
    this.template = template;
  }

  public String getStartingDeadline() {
    return startingDeadline;
  }

  public void setStartingDeadline(String startingDeadline) {
    this.startingDeadline = startingDeadline;
  }

  public String getChainStart() {
    return chainStart;
  }

  public void setChainStart(String chainStart) {
    this.chainStart = chainStart;
  }

  public Boolean getRebaseOnGap() {
    return rebaseOnGap;
  }

  public void setRebaseOnGap(Boolean rebaseOnGap) {
    this.rebaseOnGap = rebaseOnGap;
  }

  public Integer getCompactEvery() {
    return compactEvery;
  }

  public void setCompactEvery(Integer compactEvery) {
    this.compactEvery = compactEvery;
  }

  public ConcurrencyPolicy getConcurrencyPolicy() {
    return concurrencyPolicy;
  }

  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
    this.concurrencyPolicy = concurrencyPolicy;
  }

  public ScheduleRetention getRetention() {
    return retention;
  }

  public void setRetention(ScheduleRetention retention) {
    this.retention = retention;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportScheduleSpec that
        && Objects.equals(schedule, that.schedule)
        && Objects.equals(timeZone, that.timeZone)
        && Objects.equals(suspend, that.suspend)
        && exportType == that.exportType
        && Objects.equals(template, that.template)
        && Objects.equals(startingDeadline, that.startingDeadline)
        && Objects.equals(chainStart, that.chainStart)
        && Objects.equals(rebaseOnGap, that.rebaseOnGap)
        && Objects.equals(compactEvery, that.compactEvery)
        && concurrencyPolicy == that.concurrencyPolicy
        && Objects.equals(retention, that.retention);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schedule, timeZone, suspend, exportType, template, startingDeadline,
        chainStart, rebaseOnGap, compactEvery, concurrencyPolicy, retention);
  }
}
