package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

  private static final long NOW = 10_000;
  private static final long PERIOD = 1_000;
  private static final long CUTOFF = NOW - PERIOD;

  private static SnapshotManifest snapshot(long startMicros, long endMicros) {
    return new SnapshotManifest(startMicros, endMicros, 0, List.of());
  }

  private static Retention.Plan plan(
      List<SnapshotManifest> snapshots, List<SegmentRef> segments, long now, long period) {
    return Retention.plan(snapshots, segments, now, period, List.of());
  }

  private static Retention.Plan plan(List<SnapshotManifest> snapshots, TimingHoles.Span... holes) {
    return Retention.plan(snapshots, List.of(), NOW, PERIOD, List.of(holes));
  }

  private static SegmentRef segment(long firstMicros, long lastMicros) {
    var name = SegmentRef.name(firstMicros, lastMicros, "1" + firstMicros, "1" + lastMicros);
    return SegmentRef.parse("orders/changes/shard-1/" + name).orElseThrow();
  }

  @Test
  void noSnapshotsGiveNoRestorableTimeAndDeleteNothing() {
    var plan = plan(List.of(), List.of(segment(1, 2), segment(3, 4)), NOW, PERIOD);

    assertEquals(Long.MAX_VALUE, plan.earliestRestorableMicros());
    assertEquals(List.of(), plan.keptSnapshots());
    assertEquals(List.of(), plan.obsoleteSnapshots());
    assertEquals(List.of(), plan.obsoleteSegments());
  }

  @Test
  void aSnapshotYoungerThanThePeriodIsKeptAndItsEndIsTheEarliestTime() {
    var only = snapshot(9_500, 9_600);

    var plan = plan(List.of(only), List.of(segment(9_400, 9_550)), NOW, PERIOD);

    assertEquals(List.of(only), plan.keptSnapshots());
    assertEquals(List.of(), plan.obsoleteSnapshots());
    assertEquals(List.of(), plan.obsoleteSegments());
    assertEquals(9_600, plan.earliestRestorableMicros());
  }

  @Test
  void youngSnapshotsAreAllKeptAndTheOldestEndIsTheEarliestTime() {
    var first = snapshot(9_100, 9_200);
    var second = snapshot(9_500, 9_600);

    var plan = plan(List.of(first, second), List.of(), NOW, PERIOD);

    assertEquals(List.of(first, second), plan.keptSnapshots());
    assertEquals(List.of(), plan.obsoleteSnapshots());
    assertEquals(9_200, plan.earliestRestorableMicros());
  }

  @Test
  void theNewestSnapshotEndedBeforeTheCutoffIsKeptWithAllLaterOnes() {
    var s1 = snapshot(1_000, 1_100);
    var s2 = snapshot(5_000, 5_100);
    var s3 = snapshot(8_000, 8_100);
    var s4 = snapshot(9_500, 9_600);

    var plan = plan(List.of(s1, s2, s3, s4), List.of(), NOW, PERIOD);

    assertEquals(List.of(s3, s4), plan.keptSnapshots());
    assertEquals(List.of(s1, s2), plan.obsoleteSnapshots());
    assertEquals(CUTOFF, plan.earliestRestorableMicros());
  }

  @Test
  void whenEverySnapshotEndedBeforeTheCutoffOnlyTheNewestIsKept() {
    var s1 = snapshot(1_000, 1_100);
    var s2 = snapshot(5_000, 5_100);

    var plan = plan(List.of(s1, s2), List.of(), NOW, PERIOD);

    assertEquals(List.of(s2), plan.keptSnapshots());
    assertEquals(List.of(s1), plan.obsoleteSnapshots());
    assertEquals(CUTOFF, plan.earliestRestorableMicros());
  }

  @Test
  void segmentsEndingBeforeTheOldestKeptSnapshotStartsAreObsolete() {
    var snapshots = List.of(snapshot(1_000, 1_100), snapshot(8_000, 8_100), snapshot(9_500, 9_600));
    var beforeFirst = segment(0, 999);
    var beforeKept = segment(1_000, 7_999);
    var straddling = segment(7_990, 8_010);
    var during = segment(8_050, 8_090);
    var later = segment(8_500, 9_900);

    var plan =
        plan(
            snapshots, List.of(beforeFirst, beforeKept, straddling, during, later), NOW, PERIOD);

    assertEquals(List.of(beforeFirst, beforeKept), plan.obsoleteSegments());
    assertEquals(snapshots.subList(1, 3), plan.keptSnapshots());
  }

  @Test
  void aSnapshotEndingExactlyAtTheCutoffHasEndedBeforeIt() {
    var s1 = snapshot(7_000, 7_100);
    var atCutoff = snapshot(8_900, CUTOFF);
    var s3 = snapshot(9_500, 9_600);

    var plan = plan(List.of(s1, atCutoff, s3), List.of(), NOW, PERIOD);

    assertEquals(List.of(atCutoff, s3), plan.keptSnapshots());
    assertEquals(List.of(s1), plan.obsoleteSnapshots());
    assertEquals(CUTOFF, plan.earliestRestorableMicros());
  }

  @Test
  void aSnapshotEndingJustAfterTheCutoffHasNotEndedBeforeIt() {
    var s1 = snapshot(7_000, 7_100);
    var justAfter = snapshot(8_900, CUTOFF + 1);

    var plan = plan(List.of(s1, justAfter), List.of(), NOW, PERIOD);

    assertEquals(List.of(s1, justAfter), plan.keptSnapshots());
    assertEquals(List.of(), plan.obsoleteSnapshots());
    assertEquals(CUTOFF, plan.earliestRestorableMicros());
  }

  @Test
  void aSegmentEndingExactlyWhereTheKeptSnapshotStartsIsKept() {
    var snapshots = List.of(snapshot(1_000, 1_100), snapshot(5_000, 5_100));
    var justBefore = segment(4_000, 4_999);
    var atStart = segment(4_000, 5_000);

    var plan = plan(snapshots, List.of(justBefore, atStart), NOW, PERIOD);

    assertEquals(List.of(justBefore), plan.obsoleteSegments());
  }

  @Test
  void theEarliestTimeDoesNotMovePastAHoleBeforeASnapshotTakenAfterIt() {
    var before = snapshot(1_000, 1_100);
    var hole = new TimingHoles.Span(3_000, 4_000);

    var plan = plan(List.of(before, snapshot(3_500, 3_600)), hole);

    assertEquals(3_000, plan.earliestRestorableMicros(), "held at the hole's start");
    assertEquals(List.of(before), plan.keptSnapshots().subList(0, 1));
    assertEquals(List.of(), plan.obsoleteSnapshots());
  }

  @Test
  void theEarliestTimeMovesPastAHoleOnceASnapshotAfterItIsComplete() {
    var before = snapshot(1_000, 1_100);
    var after = snapshot(4_000, 4_200);

    var plan = plan(List.of(before, after), new TimingHoles.Span(3_000, 4_000));

    assertEquals(CUTOFF, plan.earliestRestorableMicros());
    assertEquals(List.of(after), plan.keptSnapshots());
    assertEquals(List.of(before), plan.obsoleteSnapshots());
  }

  @Test
  void theEarliestTimeIsNeverInsideAHole() {
    var plan = plan(List.of(snapshot(9_100, 9_200)), new TimingHoles.Span(9_150, 9_400));

    assertEquals(9_400, plan.earliestRestorableMicros());
  }

  @Test
  void aHoleAfterTheEarliestTimeLeavesItAlone() {
    var plan = plan(List.of(snapshot(9_100, 9_200)), new TimingHoles.Span(9_500, 9_700));

    assertEquals(9_200, plan.earliestRestorableMicros());
  }
}
