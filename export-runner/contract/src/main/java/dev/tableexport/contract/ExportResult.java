package dev.tableexport.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The runner's one result document, {@code {"ExportDescription": {...}}}: printed to stdout and
 * written to the result file the operator reads back from the termination message.
 */
public record ExportResult(@JsonProperty("ExportDescription") ExportDescription exportDescription) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An export result always serializes", e);
    }
  }

  public static ExportResult parse(String json) throws JsonProcessingException {
    return JSON.readValue(json, ExportResult.class);
  }
}
