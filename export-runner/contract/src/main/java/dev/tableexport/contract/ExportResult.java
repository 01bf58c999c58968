package dev.tableexport.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;

/**
 * The runner's one result document, {@code {"ExportDescription": {...}}}: printed to stdout and
 * written to the result file the operator reads back from the termination message.
 *
 * @param worker for a worker of an export split across pods ({@code --parallelism}), which one
 *     it is and whether the description is of the whole export; null for an export not split
 */
public record ExportResult(
    @JsonProperty("ExportDescription") ExportDescription exportDescription,
    @JsonProperty("Worker") @JsonInclude(JsonInclude.Include.NON_NULL) Worker worker) {

  /**
   * @param manifests the description is of the whole export, whose manifests this worker wrote or
   *     found; else of this worker's part only (done, or failed)
   */
  public record Worker(
      @JsonProperty("Index") int index,
      @JsonProperty("Count") int count,
      @JsonProperty("Manifests") boolean manifests) {}

  public ExportResult(ExportDescription exportDescription) {
    this(exportDescription, null);
  }

  /** Whether the description is of the whole export, not of one worker's part. */
  public boolean describesWholeExport() {
    return worker == null || worker.manifests();
  }

  /** What the kubelet keeps of a termination message; it cuts the rest. */
  public static final int TERMINATION_MESSAGE_MAX_BYTES = 4096;
  /** A failure message in the termination message, in bytes of UTF-8. */
  static final int MAX_FAILURE_MESSAGE_BYTES = 1024;

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  /** The whole result, indented, for people (stdout). */
  public String toJson() {
    return write(PRETTY, this);
  }

  /**
   * The result for the operator, compact and never over {@link #TERMINATION_MESSAGE_MAX_BYTES}:
   * whole when it fits; else with the failure message cut to 1 KiB; else also without the echo of
   * the request (table ARN, bucket, prefix, KMS key, token...), which the operator has in the
   * TableExport's spec, keeping what it records in the status.
   */
  public String toTerminationMessage() {
    var whole = write(COMPACT, this);
    if (fits(whole)) {
      return whole;
    }
    var d = exportDescription;
    var capped = new ExportDescription(d.exportArn(), d.exportStatus(), d.startTime(), d.endTime(),
        d.exportManifest(), d.tableArn(), d.tableId(), d.exportTime(), d.clientToken(), d.s3Bucket(),
        d.s3BucketOwner(), d.s3Prefix(), d.s3SseAlgorithm(), d.s3SseKmsKeyId(), d.failureCode(),
        cut(d.failureMessage(), MAX_FAILURE_MESSAGE_BYTES), d.exportFormat(), d.billedSizeBytes(),
        d.itemCount(), d.exportType(), d.incrementalExportSpecification());
    var shorter = write(COMPACT, new ExportResult(capped, worker));
    if (fits(shorter)) {
      return shorter;
    }
    var recorded = new ExportDescription(d.exportArn(), d.exportStatus(), d.startTime(), d.endTime(),
        d.exportManifest(), null, d.tableId(), d.exportTime(), null, null, null, null, null, null,
        cut(d.failureCode(), 256), capped.failureMessage(), null, d.billedSizeBytes(), d.itemCount(),
        null, null);
    var least = write(COMPACT, new ExportResult(recorded, worker));
    if (!fits(least)) {
      throw new IllegalStateException("An export result without its request is at most "
          + least.getBytes(StandardCharsets.UTF_8).length + " bytes only when its ARN and manifest"
          + " key are within their limits");
    }
    return least;
  }

  public static ExportResult parse(String json) throws JsonProcessingException {
    return COMPACT.readValue(json, ExportResult.class);
  }

  private static boolean fits(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length <= TERMINATION_MESSAGE_MAX_BYTES;
  }

  /** The text cut to at most {@code maxBytes} of UTF-8, on a character boundary, marked "...". */
  static String cut(String text, int maxBytes) {
    if (text == null || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    var kept = new StringBuilder();
    int bytes = 3;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      kept.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return kept.append("...").toString();
  }

  private static String write(ObjectMapper mapper, ExportResult result) {
    try {
      return mapper.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An export result always serializes", e);
    }
  }
}
