package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupHole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recorder's holes, in epoch microseconds: spans in which a change was stored with a time
 * further from its real one than the recorder can vouch for. Overlapping spans merge. A hole must
 * be published before the changes that make it are stored, so that no reader, and no restarted
 * recorder, ever sees those changes without it.
 */
final class TimingHoles {

  record Span(long start, long end) {}

  private final List<Span> spans = new ArrayList<>();
  private boolean unpublished;

  /** Starts from the holes a previous run published. */
  TimingHoles(List<BackupHole> published) {
    for (var hole : published) {
      widen(MicrosClock.toMicros(hole.start()), MicrosClock.toMicros(hole.end()));
    }
    unpublished = false;
  }

  /** Makes the span from {@code start} to {@code end} part of a hole. */
  void widen(long start, long end) {
    var merged = new Span(start, end);
    for (var iterator = spans.iterator(); iterator.hasNext(); ) {
      var span = iterator.next();
      if (span.start() <= merged.end() && merged.start() <= span.end()) {
        merged = new Span(Math.min(span.start(), merged.start()), Math.max(span.end(), merged.end()));
        iterator.remove();
      }
    }
    spans.add(merged);
    spans.sort(Comparator.comparingLong(Span::start));
    unpublished = true;
  }

  /** Whether a hole widened since the last {@link #published}. */
  boolean unpublished() {
    return unpublished;
  }

  /** The start of the newest hole, or 0 if there is none. */
  long latestStart() {
    return spans.isEmpty() ? 0 : spans.getLast().start();
  }

  /** The end of the newest hole, or 0 if there is none. */
  long latestEnd() {
    return spans.isEmpty() ? 0 : spans.getLast().end();
  }

  /** Forgets the holes that end at or before the earliest restorable time. */
  void dropEndingBy(long earliestMicros) {
    spans.removeIf(span -> span.end() <= earliestMicros);
  }

  /** The holes as published in the status; they count as published from here on. */
  List<BackupHole> published() {
    unpublished = false;
    return holes();
  }

  List<Span> spans() {
    return List.copyOf(spans);
  }

  List<BackupHole> holes() {
    return spans.stream()
        .map(span -> new BackupHole(MicrosClock.toInstant(span.start()), MicrosClock.toInstant(span.end())))
        .toList();
  }
}
