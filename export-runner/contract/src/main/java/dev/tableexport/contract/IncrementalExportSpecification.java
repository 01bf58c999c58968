package dev.tableexport.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/** The window of an incremental export; {@code exportToTime} null means the latest restorable time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ExportFromTime", "ExportToTime", "ExportViewType"})
public record IncrementalExportSpecification(
    @JsonProperty("ExportFromTime")
        @JsonSerialize(using = AwsTimestampSerializer.class)
        @JsonDeserialize(using = AwsTimestampDeserializer.class)
        Instant exportFromTime,
    @JsonProperty("ExportToTime")
        @JsonSerialize(using = AwsTimestampSerializer.class)
        @JsonDeserialize(using = AwsTimestampDeserializer.class)
        Instant exportToTime,
    @JsonProperty("ExportViewType") String exportViewType) {

  public static final String NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES";
  public static final String NEW_IMAGE = "NEW_IMAGE";
}
