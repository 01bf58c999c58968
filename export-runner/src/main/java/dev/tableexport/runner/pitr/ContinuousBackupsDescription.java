package dev.tableexport.runner.pitr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableexport.contract.AwsTimestamps;
import dev.tableexport.contract.BackupStatus;
import java.util.Optional;

/**
 * What {@code aws dynamodb describe-continuous-backups} prints, from a backup's status; plus, under
 * {@code Recorder}, the recorder's heartbeat, lag and the holes in the window (no time strictly
 * between a hole's Start and End is restorable), which DynamoDB has no place for.
 */
public final class ContinuousBackupsDescription {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ContinuousBackupsDescription() {}

  public static String toJson(Optional<BackupStatus> status) {
    var root = JSON.createObjectNode();
    var description = root.putObject("ContinuousBackupsDescription");
    description.put("ContinuousBackupsStatus", "ENABLED");
    var pitr = description.putObject("PointInTimeRecoveryDescription");
    pitr.put("PointInTimeRecoveryStatus", status.map(BackupStatus::pointInTimeRecoveryStatus).orElse("DISABLED"));
    status.ifPresent(s -> describe(s, pitr, root));
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A description always serializes", e);
    }
  }

  private static void describe(BackupStatus status, ObjectNode pitr, ObjectNode root) {
    pitr.put("RecoveryPeriodInDays", status.recoveryPeriodInDays());
    if (status.hasWindow()) {
      pitr.put("EarliestRestorableDateTime",
          AwsTimestamps.format(MicrosClock.upToMillis(status.earliestRestorableDateTime())));
      pitr.put("LatestRestorableDateTime", AwsTimestamps.format(status.latestRestorableDateTime()));
    }
    var recorder = root.putObject("Recorder");
    recorder.put("Heartbeat", AwsTimestamps.format(status.heartbeat()));
    recorder.put("LagMillis", status.lagMillis());
    var holes = recorder.putArray("Holes");
    for (var hole : status.holes()) {
      holes.addObject()
          .put("Start", AwsTimestamps.format(hole.start()))
          .put("End", AwsTimestamps.format(hole.end()));
    }
  }
}
