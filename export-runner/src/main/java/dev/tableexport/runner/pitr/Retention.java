package dev.tableexport.runner.pitr;

import java.util.ArrayList;
import java.util.List;

/**
 * What a recovery period no longer needs. Every time in {@code [now - period, now]} must stay
 * restorable, so the newest snapshot that ended at or before {@code now - period} is kept with all
 * later ones; older snapshots go, and so do segments whose every record predates the oldest kept
 * snapshot's start. The earliest time moves past a hole only once a snapshot taken after it is
 * complete, and never stops inside one.
 */
final class Retention {

  record Plan(
      List<SnapshotManifest> keptSnapshots,
      List<SnapshotManifest> obsoleteSnapshots,
      List<SegmentRef> obsoleteSegments,
      long earliestRestorableMicros) {}

  private Retention() {}

  /**
   * @param snapshots complete snapshots, oldest first
   * @param holes oldest first
   */
  static Plan plan(List<SnapshotManifest> snapshots, List<SegmentRef> segments, long nowMicros, long periodMicros,
      List<TimingHoles.Span> holes) {
    if (snapshots.isEmpty()) {
      return new Plan(List.of(), List.of(), List.of(), Long.MAX_VALUE);
    }
    long cutoff = nowMicros - periodMicros;
    for (var hole : holes) {
      if (hole.end() <= cutoff && snapshots.stream().noneMatch(s -> s.startMicros() >= hole.end())) {
        cutoff = hole.start();
        break;
      }
    }
    int oldestKept = 0;
    for (int i = 0; i < snapshots.size(); i++) {
      if (snapshots.get(i).endMicros() <= cutoff) {
        oldestKept = i;
      }
    }
    var kept = snapshots.subList(oldestKept, snapshots.size());
    long keepChangesFrom = kept.getFirst().startMicros();
    var obsoleteSegments = new ArrayList<SegmentRef>();
    for (var segment : segments) {
      if (segment.lastMicros() < keepChangesFrom) {
        obsoleteSegments.add(segment);
      }
    }
    long earliest = Math.max(kept.getFirst().endMicros(), cutoff);
    for (var hole : holes) {
      if (hole.start() < earliest && earliest < hole.end()) {
        earliest = hole.end();
      }
    }
    return new Plan(
        List.copyOf(kept),
        List.copyOf(snapshots.subList(0, oldestKept)),
        obsoleteSegments,
        earliest);
  }
}
