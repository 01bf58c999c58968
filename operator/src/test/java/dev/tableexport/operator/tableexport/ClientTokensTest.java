package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.api.TableExportSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

  @Test
  void parametersIgnoreTheTokenAndSeeEveryOtherField() {
    var spec = spec("t-1");
    var sameButToken = spec("t-2");
    var otherFormat = spec("t-1");
    otherFormat.setExportFormat(ExportFormat.ION);

    assertEquals(ClientTokens.parameters(spec), ClientTokens.parameters(sameButToken));
    assertNotEquals(ClientTokens.parameters(spec), ClientTokens.parameters(otherFormat));
  }

  @Test
  void aTokenStaysValidEightHoursAfterItsExportEnded() {
    var ended = new ClientTokens.Use("p", "first", "2026-01-14T10:00:00Z", null);

    assertTrue(ended.validAt(Instant.parse("2026-01-14T17:59:59Z")));
    assertFalse(ended.validAt(Instant.parse("2026-01-14T18:00:00Z")));
  }

  @Test
  void aTokenOfARunningExportIsValid() {
    assertTrue(new ClientTokens.Use("p", "first", null, null).validAt(Instant.parse("2030-01-01T00:00:00Z")));
  }

  @Test
  void aWriteDropsTheTokensPastTheirEightHours() {
    var now = Instant.parse("2026-01-14T20:00:00Z");
    var data = new HashMap<String, String>();
    data.putAll(ClientTokens.withUse(data, "expired", new ClientTokens.Use("p", "a", "2026-01-14T11:59:59Z", null), now));
    data.putAll(ClientTokens.withUse(data, "valid", new ClientTokens.Use("p", "b", "2026-01-14T12:00:01Z", null), now));
    data.putAll(ClientTokens.withUse(data, "running", new ClientTokens.Use("p", "c", null, null), now));

    var next = ClientTokens.withUse(data, "new", new ClientTokens.Use("p", "d", null, null), now);

    assertEquals(Set.of("valid", "running", "new"), next.keySet());
  }

  @Test
  void aDayOfUsesKeepsOnlyEightHoursOfThem() {
    var data = Map.<String, String>of();
    var start = Instant.parse("2026-01-14T00:00:00Z");
    for (int i = 0; i < 360; i++) {
      var now = start.plus(Duration.ofMinutes(4L * i));
      var status = endedStatus(now);
      var use = new ClientTokens.Use("p", "export-" + i, null, null).ended(status);
      data = ClientTokens.withUse(data, ClientTokens.key("token-" + i), use, now);
    }

    assertEquals(120, data.size(), "the uses of the last 8 hours, one every 4 minutes");
    int bytes = data.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    assertTrue(bytes < 100_000, "a ConfigMap holds at most 1 MiB: " + bytes);
  }

  @Test
  void anEndedUseKeepsTheResultButNotTheFirstExportsOwnStatus() {
    var use = new ClientTokens.Use("p", "first", null, null).ended(endedStatus(Instant.parse("2026-01-14T10:00:00Z")));

    assertEquals("2026-01-14T10:00:00Z", use.endTime());
    assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/orders/export/01", use.result().getExportArn());
    assertEquals(42L, use.result().getItemCount());
    assertNull(use.result().getConditions());
    assertNull(use.result().getProgress());
    assertNull(use.result().getJobName());
  }

  private static TableExportStatus endedStatus(Instant end) {
    var status = new TableExportStatus();
    status.setExportArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders/export/01");
    status.setExportStatus(ExportStatus.COMPLETED);
    status.setStartTime(end.minusSeconds(60).toString());
    status.setEndTime(end.toString());
    status.setExportManifest("exports/AWSDynamoDB/01/manifest-summary.json");
    status.setItemCount(42L);
    status.setJobName("first-export-0f3c2a1b");
    status.setProgress("done");
    status.setConditions(Conditions.set(null, Conditions.COMPLETE, true, "Completed",
        "42 items exported to exports/AWSDynamoDB/01/manifest-summary.json", 1, end));
    return status;
  }

  private static TableExportSpec spec(String token) {
    var spec = new TableExportSpec();
    spec.setTableArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    spec.setS3Bucket("exports");
    spec.setExportFormat(ExportFormat.DYNAMODB_JSON);
    spec.setClientToken(token);
    return spec;
  }
}
