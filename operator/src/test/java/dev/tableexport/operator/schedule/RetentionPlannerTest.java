package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ScheduleRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

  private static final Instant START = Instant.parse("2026-01-14T10:00:00Z");
  private static final RetentionPlanner PLANNER = new RetentionPlanner();

  private static ScheduleRetention retention(Integer successful, Integer failed, String maxAge,
      boolean deleteData) {
    var retention = new ScheduleRetention();
    retention.setSuccessfulExports(successful);
    retention.setFailedExports(failed);
    retention.setMaxAge(maxAge);
    retention.setDeleteData(deleteData);
    return retention;
  }

  /** Hourly full runs from 11:00 to 16:00; those at 12:00 and 14:00 failed. */
  private static ScheduleSimulation hourlyFullRuns() {
    var simulation = new ScheduleSimulation("0 * * * *", ExportType.FULL_EXPORT, START);
    for (int hour = 11; hour <= 16; hour++) {
      simulation.now = START.plus(Duration.ofHours(hour - 10)).plusSeconds(10);
      var name = simulation.pass().orElseThrow().getMetadata().getName();
      simulation.end(name, hour == 12 || hour == 14 ? ExportStatus.FAILED : ExportStatus.COMPLETED);
    }
    return simulation;
  }

  private static List<String> removed(List<RetentionPlanner.Removal> removals) {
    return removals.stream()
        .map(removal -> removal.run().name() + (removal.deleteData() ? "+data" : ""))
        .sorted()
        .toList();
  }

  @Test
  void keepsTheNewestSuccessfulAndFailedRunsItCounts() {
    var simulation = hourlyFullRuns();

    var removals = PLANNER.plan(retention(2, 1, null, false), null, simulation.runs(), Set.of(),
        simulation.now);

    assertEquals(List.of("orders-20260114-110000", "orders-20260114-120000",
        "orders-20260114-130000"), removed(removals));
  }

  @Test
  void removesRunsScheduledBeforeTheMaximumAge() {
    var simulation = hourlyFullRuns();

    var removals = PLANNER.plan(retention(null, null, "3h30m", false), null, simulation.runs(),
        Set.of(), simulation.now);

    assertEquals(List.of("orders-20260114-110000", "orders-20260114-120000"), removed(removals));
  }

  @Test
  void withoutRetentionNothingIsRemovedAndRunningRunsNeverAre() {
    var simulation = hourlyFullRuns();
    simulation.now = simulation.now.plus(Duration.ofHours(1));
    simulation.pass();

    assertEquals(List.of(), PLANNER.plan(null, null, simulation.runs(), Set.of(), simulation.now));
    var removals = PLANNER.plan(retention(null,
        null, "1s", false), null, simulation.runs(), Set.of(),
        simulation.now);
    assertEquals(6, removals.size(), "every ended run, not the running one of 17:00");
  }

  @Test
  void theOperatorsHistoryRetentionRemovesRunsThatEndedBeforeItButNotThoseTheChainNeeds() {
    var simulation = hourlyFullRuns();

    var removals = PLANNER.plan(null, Duration.ofHours(2).plusMinutes(30), simulation.runs(),
        Set.of("orders-20260114-110000"), simulation.now);

    assertEquals(List.of("orders-20260114-120000", "orders-20260114-130000"), removed(removals),
        "ended at 12:00:10 and 13:00:10, before 13:30:10; 11:00 is kept");
  }

  @Test
  void deleteDataTakesAFullRunsDataOnlyOnceANewerFullExportCompleted() {
    var simulation = hourlyFullRuns();

    var removals = PLANNER.plan(retention(null,
        null, "1s", true), null, simulation.runs(), Set.of(),
        simulation.now);

    // The newest COMPLETED run (16:00) has no newer full export: kept, run and data.
    assertEquals(List.of("orders-20260114-110000+data", "orders-20260114-120000+data",
        "orders-20260114-130000+data", "orders-20260114-140000+data",
        "orders-20260114-150000+data"), removed(removals));
  }

  @Test
  void aChainKeepsItsBaseAndNewestLinkAndTheirDataUntilANewChainHasItsFullExport() {
    var simulation = new ScheduleSimulation("*/15 * * * *", ExportType.INCREMENTAL_EXPORT, START);
    simulation.spec().setRebaseOnGap(true);
    simulation.run(Duration.ofHours(1));
    var kept = simulation.plan.kept();
    var chainOne = simulation.runs();

    assertEquals(Set.of("orders-c1-base", "orders-c1-20260114-104500"), kept);
    assertEquals(List.of("orders-c1-20260114-103000"),
        removed(PLANNER.plan(retention(1, null,
            null, false), null, chainOne, kept, simulation.now)),
        "the newest link and the base are kept beyond the count");
    assertEquals(List.of(),
        removed(PLANNER.plan(retention(1, null, null, true), null, chainOne, kept, simulation.now)),
        "no newer full export: every link's data is still needed");

    simulation.earliest = simulation.now;
    simulation.run(Duration.ofMinutes(5));
    assertEquals(2, simulation.chain.getNumber());
    var removals = PLANNER.plan(retention(1, null, null, true), null, simulation.runs(),
        simulation.plan.kept(), simulation.now);

    assertEquals(List.of("orders-c1-20260114-103000+data", "orders-c1-20260114-104500+data",
        "orders-c1-base+data"), removed(removals));
  }
}
