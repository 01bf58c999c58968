package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tableexport.operator.api.ConcurrencyPolicy;
import dev.tableexport.operator.api.ExportType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FullPlannerTest {

  private static final Instant START = Instant.parse("2026-03-27T12:00:00Z");

  private static ScheduleSimulation daily() {
    var simulation = new ScheduleSimulation("0 2 * * *", ExportType.FULL_EXPORT, START);
    simulation.spec().setTimeZone("Europe/Paris");
    return simulation;
  }

  @Test
  void aDailyRunExportsExactlyItsScheduledTimeInTheZoneAcrossTheClockChange() {
    var simulation = daily();

    simulation.run(Duration.ofDays(3), Duration.ofMinutes(5));

    // 02:00 in Paris: CET, then the skipped 02:00 of 29 March (at the jump), then CEST.
    assertEquals(List.of("orders-20260328-010000", "orders-20260329-010000",
        "orders-20260330-000000"), simulation.created);
    assertEquals("2026-03-29T01:00:00Z",
        simulation.exports.get("orders-20260329-010000").getSpec().getExportTime());
    assertEquals(Instant.parse("2026-03-31T00:00:00Z"), simulation.plan.nextScheduleTime());
  }

  @Test
  void aRunWaitsForItsTimeToBeRestorableUpToTheStartingDeadline() {
    var simulation = daily();
    simulation.lag = Duration.ofMinutes(10);

    simulation.run(Duration.ofHours(14));

    var export = simulation.exports.get("orders-20260328-010000");
    assertEquals("2026-03-28T01:10:00Z", export.getMetadata().getCreationTimestamp());
    assertEquals("2026-03-28T01:00:00Z", export.getSpec().getExportTime());
  }

  @Test
  void pastTheStartingDeadlineARunExportsTheLatestRestorableTime() {
    var simulation = daily();
    simulation.lag = Duration.ofMinutes(30);
    simulation.spec().setStartingDeadline("20m");

    simulation.run(Duration.ofHours(14));

    var export = simulation.exports.get("orders-20260328-010000");
    assertEquals("2026-03-28T01:20:00Z", export.getMetadata().getCreationTimestamp());
    assertNull(export.getSpec().getExportTime());
  }

  @Test
  void forbidWaitsForThePreviousRunAndAllowDoesNot() {
    for (var policy : ConcurrencyPolicy.values()) {
      var simulation = new ScheduleSimulation("0 * * * *", ExportType.FULL_EXPORT, START);
      simulation.spec().setConcurrencyPolicy(policy);
      simulation.now = Instant.parse("2026-03-27T13:00:10Z");
      simulation.pass();
      simulation.now = Instant.parse("2026-03-27T14:00:10Z");

      simulation.pass();

      assertEquals(policy == ConcurrencyPolicy.Allow ? 2 : 1, simulation.created.size(),
          policy.name());
      if (policy == ConcurrencyPolicy.Forbid) {
        assertEquals("PreviousRunning", simulation.plan.reason());
        simulation.completeRunning();
        simulation.pass();
        assertEquals(List.of("orders-20260327-130000", "orders-20260327-140000"),
            simulation.created);
      }
    }
  }

  @Test
  void onResumeOnlyTheLatestMissedRunStartsAtItsScheduledTime() {
    var simulation = new ScheduleSimulation("0 * * * *", ExportType.FULL_EXPORT, START);
    simulation.spec().setSuspend(true);
    simulation.run(Duration.ofHours(3).plusMinutes(30));
    assertEquals(List.of(), simulation.created);
    assertEquals("Suspended", simulation.plan.reason());

    simulation.spec().setSuspend(false);
    simulation.pass();

    assertEquals(List.of("orders-20260327-150000"), simulation.created);
    assertEquals("2026-03-27T15:00:00Z",
        simulation.exports.get("orders-20260327-150000").getSpec().getExportTime());
  }
}
