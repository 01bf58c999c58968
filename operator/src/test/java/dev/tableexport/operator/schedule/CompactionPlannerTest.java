package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ScheduleRetention;
import dev.tableexport.operator.api.TableExport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A 15-minute chain with compactEvery 3 over simulated hours, the test ending each run. */
class CompactionPlannerTest {

  private static final Instant START = Instant.parse("2026-01-14T10:00:00Z");

  private static ScheduleSimulation chain() {
    var simulation = new ScheduleSimulation("*/15 * * * *", ExportType.INCREMENTAL_EXPORT, START);
    simulation.spec().setCompactEvery(3);
    return simulation;
  }

  private static List<TableExport> compactions(ScheduleSimulation simulation) {
    return simulation.created.stream().filter(name -> name.contains("-compact-"))
        .map(simulation.exports::get).toList();
  }

  private static String manifest(String run) {
    return "s3://exports/AWSDynamoDB/" + run + "/manifest-summary.json";
  }

  /** Links are named by their exportToTime: orders-c1-20260114-103000. */
  private static String link(String hhmm) {
    return "orders-c1-20260114-" + hhmm + "00";
  }

  @Test
  void afterEveryThreeLinksAFullExportOfTheChainFromItsNewestCompaction() {
    var simulation = chain();

    simulation.run(Duration.ofMinutes(108));

    var compactions = compactions(simulation);
    assertEquals(2, compactions.size(), simulation.created.toString());
    var first = compactions.getFirst();
    assertEquals("orders-c1-compact-20260114-110000", first.getMetadata().getName());
    assertEquals("true", first.getMetadata().getLabels().get(ScheduleRun.COMPACTION_LABEL));
    assertEquals(ExportType.FULL_EXPORT, first.getSpec().getExportType());
    assertEquals("2026-01-14T11:00:00Z", first.getSpec().getExportTime());
    assertEquals(List.of(manifest("orders-c1-base"), manifest(link("1030")),
        manifest(link("1045")), manifest(link("1100"))),
        first.getSpec().getCompactionOf().getManifests());
    var second = compactions.get(1);
    assertEquals("2026-01-14T11:45:00Z", second.getSpec().getExportTime());
    assertEquals(List.of(manifest(first.getMetadata().getName()), manifest(link("1115")),
        manifest(link("1130")), manifest(link("1145"))),
        second.getSpec().getCompactionOf().getManifests());
    assertEquals(second.getMetadata().getName(),
        simulation.compactions.last().orElseThrow().name());
  }

  @Test
  void aFailedCompactionIsNotMadeAgainAndTheNextCoversEveryLinkSinceTheSameStart() {
    var simulation = chain();
    simulation.run(Duration.ofMinutes(63));
    var failed = compactions(simulation).getFirst().getMetadata().getName();
    simulation.end(failed, ExportStatus.FAILED);

    simulation.run(Duration.ofMinutes(47));

    var compactions = compactions(simulation);
    assertEquals(2, compactions.size(), simulation.created.toString());
    var manifests = compactions.get(1).getSpec().getCompactionOf().getManifests();
    assertEquals(7, manifests.size(), "the base and six links");
    assertEquals(manifest("orders-c1-base"), manifests.getFirst());
    assertEquals(manifest(link("1145")), manifests.getLast());
  }

  @Test
  void aRunningCompactionWaitsAndItsInputsAreNeeded() {
    var simulation = chain();
    simulation.run(Duration.ofMinutes(62));
    var running = compactions(simulation).getFirst().getMetadata().getName();
    for (int i = 0; i < 50; i++) { // the links go on; the compaction does not end
      simulation.now = simulation.now.plus(Duration.ofMinutes(1));
      simulation.exports.values().stream()
          .filter(export -> export.getStatus() == null
              && !export.getMetadata().getName().equals(running))
          .map(export -> export.getMetadata().getName()).toList()
          .forEach(name -> simulation.end(name, ExportStatus.COMPLETED));
      simulation.pass();
    }

    assertEquals(1, compactions(simulation).size(), "one compaction at a time");
    assertTrue(simulation.kept().containsAll(Set.of("orders-c1-base", link("1030"),
        link("1045"), link("1100"))), simulation.kept().toString());
  }

  @Test
  void aCompletedCompactionLetsRetentionDeleteTheDataItCoversAndKeepsWhatComesAfter() {
    var simulation = chain();
    simulation.run(Duration.ofMinutes(63));
    var retention = new ScheduleRetention();
    retention.setSuccessfulExports(1);
    retention.setDeleteData(true);

    var removals = new RetentionPlanner().plan(retention, null, simulation.runs(),
        simulation.kept(), simulation.now);

    assertEquals(Set.of("orders-c1-base+data", link("1030") + "+data", link("1045") + "+data"),
        removals.stream()
            .map(removal -> removal.run().name() + (removal.deleteData() ? "+data" : ""))
            .collect(Collectors.toSet()),
        "the compaction at 11:00 is the chain's start now; the newest link its head");
  }

  @Test
  void aLinkMissingFromTheRunsStopsTheCountThere() {
    var simulation = chain();
    simulation.spec().setCompactEvery(2);
    simulation.run(Duration.ofMinutes(33));
    simulation.exports.remove(link("1030"));

    simulation.run(Duration.ofMinutes(45));

    assertEquals(List.of(), compactions(simulation),
        "no compaction without every link's manifest");
  }
}
