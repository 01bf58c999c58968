package dev.tableexport.operator.schedule;

import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The compactions of a chain (spec.compactEvery = N): once N links have COMPLETED after the
 * chain's newest COMPLETED compaction (before the first: after its base), a compaction of that
 * start and those links, as of the last one's exportToTime. One runs at a time, and the links go
 * on meanwhile. A compaction is made once per export time: one that failed is not made again
 * (its inputs would fail it again if corrupt); the next comes N links later, from the same start,
 * over all the links since.
 */
final class CompactionPlanner {

  /**
   * @param create the compaction to create now
   * @param needed runs whose TableExport and data the chain's compactions still need: the start
   *     and the links after it, and every input of a running compaction
   * @param last the chain's newest COMPLETED compaction
   */
  record Compactions(Optional<RunRequest> create, Set<String> needed,
      Optional<ScheduleRun> last) {

    static final Compactions NONE = new Compactions(Optional.empty(), Set.of(), Optional.empty());
  }

  /** A compaction's planned export time: its status' is cut to the millisecond. */
  private static final Comparator<ScheduleRun> BY_TIME =
      Comparator.comparing(ScheduleRun::scheduledTime);

  Compactions plan(int every, int chain, List<ScheduleRun> runs) {
    var mine = runs.stream().filter(run -> run.chain() == chain).toList();
    var compactions = mine.stream().filter(run -> run.kind() == Kind.COMPACTION).toList();
    var last = compactions.stream().filter(ScheduleRun::completed).max(BY_TIME);
    var start = last.or(() -> mine.stream()
        .filter(run -> run.kind() == Kind.BASE && run.completed() && run.exportTime() != null)
        .max(Comparator.comparingInt(ScheduleRun::attempt)));
    var needed = new HashSet<String>();
    var running = compactions.stream().filter(run -> !run.ended()).findFirst();
    running.ifPresent(compaction -> mine.stream()
        .filter(run -> run.manifest() != null && compaction.inputs().contains(run.manifest()))
        .forEach(run -> needed.add(run.name())));
    if (start.isEmpty()) {
      return new Compactions(Optional.empty(), needed, last);
    }
    needed.add(start.get().name());
    var from = start.get().kind() == Kind.COMPACTION
        ? start.get().scheduledTime() : start.get().exportTime();
    var links = linksAfter(from, mine);
    links.forEach(link -> needed.add(link.name()));
    if (running.isPresent() || links.size() < every || start.get().manifest() == null) {
      return new Compactions(Optional.empty(), needed, last);
    }
    var covered = links.subList(0, links.size() / every * every);
    var exportTime = covered.getLast().to();
    if (compactions.stream().anyMatch(run -> exportTime.equals(run.scheduledTime()))) {
      return new Compactions(Optional.empty(), needed, last);
    }
    var manifests = new ArrayList<String>();
    manifests.add(start.get().manifest());
    covered.forEach(link -> manifests.add(link.manifest()));
    return new Compactions(Optional.of(RunRequest.compaction(chain, exportTime, manifests)),
        needed, last);
  }

  /**
   * The COMPLETED links that continue the chain from {@code from}, in order, as far as they do
   * without a gap, and have their manifest (a link removed, or not yet done, ends them).
   */
  private static List<ScheduleRun> linksAfter(Instant from, List<ScheduleRun> runs) {
    var completed = runs.stream()
        .filter(run -> run.kind() == Kind.LINK && run.completed() && run.manifest() != null
            && !run.from().isBefore(from))
        .sorted(Comparator.comparing(ScheduleRun::from))
        .toList();
    var links = new ArrayList<ScheduleRun>();
    var head = from;
    for (var link : completed) {
      if (link.from().equals(head)) {
        links.add(link);
        head = link.to();
      }
    }
    return links;
  }
}
