package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 15-minute incremental chain over simulated hours: contiguous windows, whatever happens. */
class ChainPlannerTest {

  private static final Instant START = Instant.parse("2026-01-14T10:00:00Z");

  private static ScheduleSimulation chain(Instant chainStart) {
    var simulation = new ScheduleSimulation("*/15 * * * *", ExportType.INCREMENTAL_EXPORT, START);
    if (chainStart != null) {
      simulation.spec().setChainStart(chainStart.toString());
    }
    return simulation;
  }

  /**
   * The distinct windows, in order, are contiguous from {@code from}: each starts where the
   * previous ended; each is 15 minutes to 24 hours. A retry repeats its window, never overlaps.
   */
  private static List<Duration> assertContiguous(List<Instant[]> windows, Instant from) {
    var lengths = new ArrayList<Duration>();
    Instant[] previous = null;
    for (var window : windows) {
      if (previous != null && window[0].equals(previous[0]) && window[1].equals(previous[1])) {
        continue;
      }
      assertEquals(from, window[0], "window " + window[0] + " - " + window[1]);
      var length = Duration.between(window[0], window[1]);
      assertTrue(length.compareTo(Duration.ofMinutes(15)) >= 0, "too short: " + length);
      assertTrue(length.compareTo(Duration.ofHours(24)) <= 0, "too long: " + length);
      lengths.add(length);
      from = window[1];
      previous = window;
    }
    return lengths;
  }

  @Test
  void sixHoursGiveTwentyFourQuarterHourLinksFromTheChainStart() {
    var simulation = chain(START);

    simulation.run(Duration.ofHours(6).plusMinutes(2));

    var lengths = assertContiguous(simulation.windows(), START);
    assertEquals(24, lengths.size());
    assertTrue(lengths.stream().allMatch(Duration.ofMinutes(15)::equals), lengths.toString());
    assertEquals("orders-c1-20260114-101500", simulation.created.getFirst());
    assertEquals(Instant.parse("2026-01-14T16:00:00Z").toString(), simulation.chain.getHeadTime());
    assertEquals(24, simulation.chain.getLinks());
  }

  @Test
  void aLinkWaitsUntilItsEndIsRestorable() {
    var simulation = chain(START);
    simulation.lag = Duration.ofMinutes(10);

    simulation.run(Duration.ofHours(2));

    for (var name : simulation.created) {
      var export = simulation.exports.get(name);
      var to =
          Instant.parse(export.getSpec().getIncrementalExportSpecification().getExportToTime());
      var createdAt = Instant.parse(export.getMetadata().getCreationTimestamp());
      assertFalse(to.isAfter(createdAt.minus(simulation.lag)), name);
    }
    assertContiguous(simulation.windows(), START);
  }

  @Test
  void withoutAChainStartTheChainStartsWithAFullExportAndLinksFromItsTime() {
    var simulation = chain(null);

    simulation.pass();
    assertEquals(List.of("orders-c1-base"), simulation.created);
    var base = simulation.exports.get("orders-c1-base");
    assertEquals(null, base.getSpec().getExportTime(), "the base exports the latest time");
    assertEquals(ExportType.FULL_EXPORT, base.getSpec().getExportType());
    simulation.run(Duration.ofHours(1));

    var baseTime = Instant.parse(base.getStatus().getExportTime());
    assertEquals("orders-c1-base", simulation.chain.getBase());
    assertEquals(baseTime.toString(), simulation.chain.getBaseTime());
    var lengths = assertContiguous(simulation.windows(), baseTime);
    assertTrue(lengths.getFirst().compareTo(Duration.ofMinutes(15)) >= 0);
    assertEquals(Instant.parse("2026-01-14T10:30:00Z"), simulation.windows().getFirst()[1]);
  }

  @Test
  void anOperatorRestartContinuesFromTheRunsAlone() {
    var uninterrupted = chain(START);
    uninterrupted.run(Duration.ofHours(4));
    var simulation = chain(START);
    simulation.run(Duration.ofHours(2));

    simulation.chain = null;
    simulation.run(Duration.ofHours(2));

    assertEquals(15, assertContiguous(simulation.windows(), START).size());
    assertEquals(uninterrupted.created, simulation.created);
  }

  @Test
  void aRestartAfterRetentionRemovedOldLinksContinuesFromTheRecordedChain() {
    var simulation = chain(START);
    simulation.run(Duration.ofHours(2));
    var newest = simulation.chain.getLinks();
    var kept = simulation.plan.kept();
    simulation.exports.keySet().removeIf(name -> !kept.contains(name));

    simulation.run(Duration.ofHours(1));

    assertEquals(11, assertContiguous(simulation.windows(), START).size());
    assertEquals(newest + 4, simulation.chain.getLinks());
  }

  @Test
  void aFailedLinkIsRetriedOverTheSameWindowAtTheNextScheduledTime() {
    var simulation = chain(START);
    simulation.run(Duration.ofMinutes(46));
    var failed = simulation.created.getLast();
    assertEquals(null, simulation.exports.get(failed).getStatus(), "the newest link runs");
    simulation.now = simulation.now.plus(Duration.ofMinutes(1));
    simulation.end(failed, ExportStatus.FAILED);

    simulation.pass();
    assertEquals(failed, simulation.created.getLast(), "no retry before the next scheduled time");
    assertEquals("LinkFailed", simulation.plan.reason());
    simulation.run(Duration.ofHours(1));

    var retry = simulation.exports.get(failed + "-r2");
    assertEquals(simulation.exports.get(failed).getSpec().getIncrementalExportSpecification()
            .getExportFromTime(),
        retry.getSpec().getIncrementalExportSpecification().getExportFromTime());
    assertEquals(simulation.exports.get(failed).getSpec().getIncrementalExportSpecification()
            .getExportToTime(),
        retry.getSpec().getIncrementalExportSpecification().getExportToTime());
    assertContiguous(simulation.windows(), START);
    assertEquals(Instant.parse("2026-01-14T11:45:00Z").toString(), simulation.chain.getHeadTime());
  }

  @Test
  void aSuspendedHourIsExportedOnResumeWithoutAGap() {
    var simulation = chain(START);
    simulation.run(Duration.ofHours(1));
    simulation.spec().setSuspend(true);
    var before = simulation.created.size();

    simulation.run(Duration.ofHours(1));
    assertEquals(before, simulation.created.size(), "nothing starts while suspended");
    assertEquals("Suspended", simulation.plan.reason());
    simulation.spec().setSuspend(false);
    simulation.run(Duration.ofHours(1));

    var lengths = assertContiguous(simulation.windows(), START);
    assertTrue(lengths.contains(Duration.ofMinutes(75)), lengths.toString());
    assertEquals(Instant.parse("2026-01-14T12:45:00Z").toString(), simulation.chain.getHeadTime());
  }

  @Test
  void aMissedDayIsExportedInWindowsOfAtMostTwentyFourHours() {
    var simulation = chain(START);
    simulation.run(Duration.ofHours(1));

    simulation.now = simulation.now.plus(Duration.ofHours(50));
    simulation.run(Duration.ofMinutes(10));

    var lengths = assertContiguous(simulation.windows(), START);
    assertEquals(
        List.of(Duration.ofHours(24), Duration.ofHours(24), Duration.ofMinutes(135)),
        lengths.subList(3, 6));
  }

  @Test
  void aSparseScheduleIsSplitSoThatNoWindowIsShorterThanFifteenMinutes() {
    var simulation = new ScheduleSimulation("0 10 * * MON", ExportType.INCREMENTAL_EXPORT, START);
    simulation.spec().setChainStart("2026-01-11T10:05:00Z");

    simulation.run(Duration.ofDays(6), Duration.ofMinutes(30));

    var lengths = assertContiguous(simulation.windows(), Instant.parse("2026-01-11T10:05:00Z"));
    // Sunday 10:05 to the next Monday 10:00 is 23h55m; then a week of 24h windows and the rest.
    assertEquals(Duration.ofHours(23).plusMinutes(55), lengths.getFirst());
    assertTrue(lengths.stream().allMatch(length -> length.toMinutes() >= 15), lengths.toString());
  }

  @Test
  void aChainPastTheRestorableWindowStopsAndSaysSo() {
    var simulation = chain(START);
    simulation.run(Duration.ofHours(1));
    var created = simulation.created.size();

    simulation.earliest = simulation.now;
    simulation.run(Duration.ofMinutes(30));

    assertEquals(created, simulation.created.size());
    assertFalse(simulation.plan.ready());
    assertEquals("ChainBroken", simulation.plan.reason());
    assertTrue(simulation.plan.message().contains("Set spec.rebaseOnGap: true"),
        simulation.plan.message());
  }

  @Test
  void aHoleInTheRestorableWindowBreaksTheChainBeforeALinkOverlapsIt() {
    var simulation = chain(START);
    simulation.run(Duration.ofMinutes(31));
    simulation.holes = List.of(new BackupHole(Instant.parse("2026-01-14T10:35:00Z"),
        Instant.parse("2026-01-14T10:40:00Z")));

    simulation.run(Duration.ofMinutes(30));

    assertEquals(2, simulation.windows().size(), "no link over the hole");
    assertEquals("ChainBroken", simulation.plan.reason());
    var message = simulation.plan.message();
    assertTrue(message.startsWith("The next link of chain 1, [2026-01-14T10:30:00Z, "), message);
    assertTrue(message.contains("overlaps the hole (2026-01-14T10:35:00Z, 2026-01-14T10:40:00Z)"),
        message);
  }

  @Test
  void rebaseOnGapStartsANewChainWithAFullExport() {
    var simulation = chain(START);
    simulation.spec().setRebaseOnGap(true);
    simulation.run(Duration.ofHours(1));
    simulation.earliest = simulation.now;

    simulation.run(Duration.ofHours(1));

    assertTrue(simulation.created.contains("orders-c2-base"), simulation.created.toString());
    var base = simulation.exports.get("orders-c2-base");
    assertEquals(2, simulation.chain.getNumber());
    assertEquals("orders-c2-base", simulation.chain.getBase());
    var links = simulation.created.stream().filter(name -> name.startsWith("orders-c2-2")).toList();
    assertFalse(links.isEmpty());
    assertEquals(base.getStatus().getExportTime(), simulation.exports.get(links.getFirst())
        .getSpec().getIncrementalExportSpecification().getExportFromTime());
  }
}
