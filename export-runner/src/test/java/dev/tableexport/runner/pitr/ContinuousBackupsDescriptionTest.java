package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.contract.BackupStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContinuousBackupsDescriptionTest {

  private static final Instant HEARTBEAT = Instant.parse("2024-05-01T11:30:02.654321Z");

  private static BackupStatus status(Instant earliest, Instant latest) {
    return new BackupStatus(
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
        "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T09:00:00.000",
        14,
        earliest,
        latest,
        HEARTBEAT,
        1_234,
        List.of(new BackupHole(Instant.parse("2024-05-01T10:30:00Z"), Instant.parse("2024-05-01T10:31:00.5Z"))));
  }

  private static JsonNode describe(Optional<BackupStatus> status) throws Exception {
    return new ObjectMapper().readTree(ContinuousBackupsDescription.toJson(status));
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void withoutAStatusContinuousBackupsAreEnabledButPointInTimeRecoveryIsNot() throws Exception {
    var json = describe(Optional.empty());

    assertEquals(List.of("ContinuousBackupsDescription"), fieldNames(json));
    var description = json.get("ContinuousBackupsDescription");
    assertEquals("ENABLED", description.get("ContinuousBackupsStatus").asText());
    var pitr = description.get("PointInTimeRecoveryDescription");
    assertEquals(List.of("PointInTimeRecoveryStatus"), fieldNames(pitr));
    assertEquals("DISABLED", pitr.get("PointInTimeRecoveryStatus").asText());
  }

  @Test
  void aWindowIsDescribedAsTheAwsCliShowsIt() throws Exception {
    var status =
        status(
            Instant.parse("2024-05-01T10:00:00.123Z"), Instant.parse("2024-05-01T11:30:00.987Z"));

    var json = describe(Optional.of(status));

    assertEquals(List.of("ContinuousBackupsDescription", "Recorder"), fieldNames(json));
    var description = json.get("ContinuousBackupsDescription");
    assertEquals(
        List.of("ContinuousBackupsStatus", "PointInTimeRecoveryDescription"),
        fieldNames(description));
    assertEquals("ENABLED", description.get("ContinuousBackupsStatus").asText());
    var pitr = description.get("PointInTimeRecoveryDescription");
    assertEquals(
        List.of(
            "PointInTimeRecoveryStatus",
            "RecoveryPeriodInDays",
            "EarliestRestorableDateTime",
            "LatestRestorableDateTime"),
        fieldNames(pitr));
    assertEquals("ENABLED", pitr.get("PointInTimeRecoveryStatus").asText());
    assertTrue(pitr.get("RecoveryPeriodInDays").isInt());
    assertEquals(14, pitr.get("RecoveryPeriodInDays").asInt());
    assertEquals("2024-05-01T10:00:00.123Z", pitr.get("EarliestRestorableDateTime").asText());
    assertEquals("2024-05-01T11:30:00.987Z", pitr.get("LatestRestorableDateTime").asText());
    var recorder = json.get("Recorder");
    assertEquals(List.of("Heartbeat", "LagMillis", "Holes"), fieldNames(recorder));
    assertEquals("2024-05-01T11:30:02.654Z", recorder.get("Heartbeat").asText());
    assertEquals(1_234, recorder.get("LagMillis").asLong());
    assertEquals("2024-05-01T10:30:00.000Z", recorder.at("/Holes/0/Start").asText());
    assertEquals("2024-05-01T10:31:00.500Z", recorder.at("/Holes/0/End").asText());
  }

  @Test
  void wholeSecondsStillShowMilliseconds() throws Exception {
    var status =
        status(Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T11:30:00Z"));

    var pitr =
        describe(Optional.of(status))
            .at("/ContinuousBackupsDescription/PointInTimeRecoveryDescription");

    assertEquals("2024-05-01T10:00:00.000Z", pitr.get("EarliestRestorableDateTime").asText());
    assertEquals("2024-05-01T11:30:00.000Z", pitr.get("LatestRestorableDateTime").asText());
  }

  @Test
  void theTimesShownAreRestorable() throws Exception {
    var status =
        status(
            Instant.parse("2024-05-01T10:00:00.123456Z"),
            Instant.parse("2024-05-01T11:30:00.987654Z"));

    var pitr =
        describe(Optional.of(status))
            .at("/ContinuousBackupsDescription/PointInTimeRecoveryDescription");

    var earliest = pitr.get("EarliestRestorableDateTime").asText();
    var latest = pitr.get("LatestRestorableDateTime").asText();
    assertTrue(status.contains(Instant.parse(earliest)), earliest);
    assertTrue(status.contains(Instant.parse(latest)), latest);
    assertEquals("2024-05-01T10:00:00.124Z", earliest);
    assertEquals("2024-05-01T11:30:00.987Z", latest);
  }

  @Test
  void aStatusWithoutAWindowIsDisabledWithItsPeriodAndNoTimes() throws Exception {
    var json = describe(Optional.of(status(null, null)));

    var pitr = json.at("/ContinuousBackupsDescription/PointInTimeRecoveryDescription");
    assertEquals(List.of("PointInTimeRecoveryStatus", "RecoveryPeriodInDays"), fieldNames(pitr));
    assertEquals("DISABLED", pitr.get("PointInTimeRecoveryStatus").asText());
    assertEquals(14, pitr.get("RecoveryPeriodInDays").asInt());
    assertEquals(
        "ENABLED", json.at("/ContinuousBackupsDescription/ContinuousBackupsStatus").asText());
    assertEquals("2024-05-01T11:30:02.654Z", json.at("/Recorder/Heartbeat").asText());
  }
}
