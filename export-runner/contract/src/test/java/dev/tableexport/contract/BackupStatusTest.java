package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupStatusTest {

  private static final Instant EARLIEST = Instant.parse("2024-05-01T10:00:00.123456Z");
  private static final Instant LATEST = Instant.parse("2024-05-01T11:30:00.000001Z");
  private static final Instant HEARTBEAT = Instant.parse("2024-05-01T11:30:02.654321Z");

  private static BackupStatus status(Instant earliest, Instant latest) {
    return status(earliest, latest, List.of());
  }

  private static BackupStatus status(Instant earliest, Instant latest, List<BackupHole> holes) {
    return new BackupStatus(
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
        "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T09:00:00.000",
        35,
        earliest,
        latest,
        HEARTBEAT,
        1_234,
        holes);
  }

  @Test
  void roundTripKeepsMicroseconds() throws IOException {
    var status = status(EARLIEST, LATEST);

    var parsed = BackupStatus.parse(status.toBytes());

    assertEquals(status, parsed);
    assertEquals(123_456_000, parsed.earliestRestorableDateTime().getNano());
  }

  @Test
  void theStoredJsonNamesTheStatus() throws IOException {
    var json = new ObjectMapper().readTree(status(EARLIEST, LATEST).toBytes());

    assertEquals("ENABLED", json.get("pointInTimeRecoveryStatus").asText());
    assertEquals("2024-05-01T10:00:00.123456Z", json.get("earliestRestorableDateTime").asText());
    assertEquals(35, json.get("recoveryPeriodInDays").asInt());
    assertEquals(1_234, json.get("lagMillis").asLong());
  }

  @Test
  void anEmptyWindowRoundTripsAsNulls() throws IOException {
    var status = status(null, null);

    var bytes = status.toBytes();
    var parsed = BackupStatus.parse(bytes);

    assertEquals(status, parsed);
    assertNull(parsed.earliestRestorableDateTime());
    assertNull(parsed.latestRestorableDateTime());
    var json = new ObjectMapper().readTree(bytes);
    assertTrue(json.get("earliestRestorableDateTime").isNull());
    assertEquals("DISABLED", json.get("pointInTimeRecoveryStatus").asText());
  }

  @Test
  void nullIdentifiersRoundTrip() throws IOException {
    var status = new BackupStatus(null, null, null, 7, null, null, null, 0, null);

    assertEquals(status, BackupStatus.parse(status.toBytes()));
  }

  @Test
  void aWindowNeedsBothTimes() {
    assertTrue(status(EARLIEST, LATEST).hasWindow());
    assertEquals("ENABLED", status(EARLIEST, LATEST).pointInTimeRecoveryStatus());
    for (var status :
        new BackupStatus[] {status(null, null), status(EARLIEST, null), status(null, LATEST)}) {
      assertFalse(status.hasWindow(), status.toString());
      assertEquals("DISABLED", status.pointInTimeRecoveryStatus(), status.toString());
    }
  }

  @Test
  void aWindowEndingBeforeItStartsIsNone() {
    var reversed = status(LATEST, EARLIEST);

    assertFalse(reversed.hasWindow());
    assertEquals("DISABLED", reversed.pointInTimeRecoveryStatus());
    assertFalse(reversed.contains(EARLIEST));
  }

  @Test
  void aWindowOfOneInstantIsAWindow() {
    var instant = status(EARLIEST, EARLIEST);

    assertTrue(instant.hasWindow());
    assertEquals("ENABLED", instant.pointInTimeRecoveryStatus());
    assertTrue(instant.contains(EARLIEST));
  }

  @Test
  void containsIsInclusiveAtBothEnds() {
    var status = status(EARLIEST, LATEST);

    assertTrue(status.contains(EARLIEST));
    assertTrue(status.contains(LATEST));
    assertTrue(status.contains(EARLIEST.plusSeconds(60)));
    assertFalse(status.contains(EARLIEST.minusNanos(1)));
    assertFalse(status.contains(LATEST.plusNanos(1)));
  }

  @Test
  void noWindowContainsNothing() {
    assertFalse(status(null, null).contains(EARLIEST));
    assertFalse(status(EARLIEST, null).contains(EARLIEST));
  }

  @Test
  void windowText() {
    assertEquals(
        "[2024-05-01T10:00:00.123456Z, 2024-05-01T11:30:00.000001Z]",
        status(EARLIEST, LATEST).window());
    assertEquals("(empty: the first snapshot is not complete yet)", status(null, null).window());
  }

  @Test
  void holesRoundTripAndAreListedInTheJson() throws IOException {
    var hole = new BackupHole(EARLIEST.plusSeconds(60), EARLIEST.plusSeconds(180));
    var status = status(EARLIEST, LATEST, List.of(hole));

    var bytes = status.toBytes();

    assertEquals(status, BackupStatus.parse(bytes));
    var json = new ObjectMapper().readTree(bytes).get("holes").get(0);
    assertEquals("2024-05-01T10:01:00.123456Z", json.get("start").asText());
    assertEquals("2024-05-01T10:03:00.123456Z", json.get("end").asText());
  }

  @Test
  void aStatusWrittenBeforeHolesExistedHasNone() throws IOException {
    var json = "{\"recoveryPeriodInDays\": 35, \"earliestRestorableDateTime\": \"2024-05-01T10:00:00Z\"}";

    assertEquals(List.of(), BackupStatus.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).holes());
  }

  @Test
  void aHoleThatEndsBeforeItStartsIsAnUnreadableStatus() {
    var json = "{\"holes\": [{\"start\": \"2024-05-01T10:00:00Z\", \"end\": \"2024-05-01T09:00:00Z\"}]}";

    var error = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> BackupStatus.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(error.getMessage().contains("not a span of time"), error.getMessage());
  }

  @Test
  void aTimeStrictlyInsideAHoleIsInIt() {
    var hole = new BackupHole(EARLIEST.plusSeconds(60), EARLIEST.plusSeconds(180));
    var status = status(EARLIEST, LATEST, List.of(hole));

    assertEquals(hole, status.holeAt(EARLIEST.plusSeconds(61)).orElseThrow());
    assertTrue(status.holeAt(hole.start()).isEmpty(), "the start is restorable");
    assertTrue(status.holeAt(hole.end()).isEmpty(), "the end is restorable");
    assertTrue(status.holeAt(hole.end().plusNanos(1000)).isEmpty());
    assertTrue(status.contains(EARLIEST.plusSeconds(61)), "inside the window all the same");
  }

  @Test
  void aWindowTouchesAHoleWhenItHasATimeInside() {
    var hole = new BackupHole(EARLIEST.plusSeconds(60), EARLIEST.plusSeconds(180));
    var status = status(EARLIEST, LATEST, List.of(hole));

    assertTrue(status.holeTouching(EARLIEST, EARLIEST.plusSeconds(61)).isPresent(), "ends inside");
    assertTrue(status.holeTouching(EARLIEST.plusSeconds(179), LATEST).isPresent(), "starts inside");
    assertTrue(status.holeTouching(EARLIEST, LATEST).isPresent(), "spans it");
    assertTrue(status.holeTouching(EARLIEST, hole.start()).isEmpty(), "ends at its start");
    assertTrue(status.holeTouching(hole.end(), LATEST).isEmpty(), "starts at its end");
  }

  @Test
  void aHoleRunsForward() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new BackupHole(EARLIEST, EARLIEST));
  }
}
