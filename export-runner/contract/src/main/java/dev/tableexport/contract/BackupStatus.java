package dev.tableexport.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A continuous backup's published state (status.json, which the recorder writes and the operator
 * reads): the restorable window in
 * DescribeContinuousBackups' terms, the holes inside it (oldest first), and the recorder's
 * heartbeat and lag. The window is empty (both times null, status DISABLED) until the first
 * snapshot is complete. A time is restorable when it is inside the window and in no hole.
 */
public record BackupStatus(
    String tableArn,
    String tableId,
    String streamArn,
    int recoveryPeriodInDays,
    Instant earliestRestorableDateTime,
    Instant latestRestorableDateTime,
    Instant heartbeat,
    long lagMillis,
    List<BackupHole> holes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public BackupStatus {
    holes = holes == null ? List.of() : List.copyOf(holes);
  }

  public String pointInTimeRecoveryStatus() {
    return hasWindow() ? "ENABLED" : "DISABLED";
  }

  public boolean hasWindow() {
    return earliestRestorableDateTime != null
        && latestRestorableDateTime != null
        && !latestRestorableDateTime.isBefore(earliestRestorableDateTime);
  }

  /** Whether the time is inside the window; see {@link #holeAt} for the holes in it. */
  public boolean contains(Instant time) {
    return hasWindow()
        && !time.isBefore(earliestRestorableDateTime)
        && !time.isAfter(latestRestorableDateTime);
  }

  public Optional<BackupHole> holeAt(Instant time) {
    return BackupHole.at(holes, time);
  }

  public Optional<BackupHole> holeTouching(Instant from, Instant to) {
    return BackupHole.touching(holes, from, to);
  }

  public String window() {
    return hasWindow()
        ? "[" + earliestRestorableDateTime + ", " + latestRestorableDateTime + "]"
        : "(empty: the first snapshot is not complete yet)";
  }

  public byte[] toBytes() {
    ObjectNode json = JSON.createObjectNode();
    json.put("tableArn", tableArn);
    json.put("tableId", tableId);
    json.put("streamArn", streamArn);
    json.put("recoveryPeriodInDays", recoveryPeriodInDays);
    json.put("pointInTimeRecoveryStatus", pointInTimeRecoveryStatus());
    json.put("earliestRestorableDateTime", text(earliestRestorableDateTime));
    json.put("latestRestorableDateTime", text(latestRestorableDateTime));
    json.put("heartbeat", text(heartbeat));
    json.put("lagMillis", lagMillis);
    var holeArray = json.putArray("holes");
    for (var hole : holes) {
      holeArray.addObject().put("start", text(hole.start())).put("end", text(hole.end()));
    }
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("A status always serializes", e);
    }
  }

  public static BackupStatus parse(byte[] bytes) throws IOException {
    JsonNode json = JSON.readTree(bytes);
    return new BackupStatus(
        json.path("tableArn").asText(null),
        json.path("tableId").asText(null),
        json.path("streamArn").asText(null),
        json.path("recoveryPeriodInDays").asInt(),
        instant(json.get("earliestRestorableDateTime")),
        instant(json.get("latestRestorableDateTime")),
        instant(json.get("heartbeat")),
        json.path("lagMillis").asLong(),
        holes(json.path("holes")));
  }

  private static List<BackupHole> holes(JsonNode array) throws IOException {
    var holes = new ArrayList<BackupHole>();
    for (var hole : array) {
      try {
        holes.add(new BackupHole(instant(hole.get("start")), instant(hole.get("end"))));
      } catch (IllegalArgumentException e) {
        throw new IOException("A hole of the status is not a span of time: " + hole, e);
      }
    }
    return holes;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(JsonNode node) {
    return node == null || node.isNull() ? null : Instant.parse(node.asText());
  }
}
