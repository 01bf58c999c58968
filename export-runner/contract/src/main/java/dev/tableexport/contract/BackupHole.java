package dev.tableexport.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A span of a continuous backup in which no time is restorable: the recorder was down, or behind
 * the stream by more than it can time exactly, so changes read late cannot be placed before or
 * after a time inside it. The ends themselves are restorable; only the times strictly between are
 * not.
 */
public record BackupHole(Instant start, Instant end) {

  public BackupHole {
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException("A hole runs from an earlier to a later time: " + start + ", " + end);
    }
  }

  public boolean contains(Instant time) {
    return time.isAfter(start) && time.isBefore(end);
  }

  /** Whether the window from {@code from} to {@code to} has a time inside this hole. */
  public boolean touches(Instant from, Instant to) {
    return from.isBefore(end) && to.isAfter(start);
  }

  /** The first hole that holds {@code time}. */
  public static Optional<BackupHole> at(List<BackupHole> holes, Instant time) {
    return holes.stream().filter(hole -> hole.contains(time)).findFirst();
  }

  /** The first hole that the window from {@code from} to {@code to} touches. */
  public static Optional<BackupHole> touching(List<BackupHole> holes, Instant from, Instant to) {
    return holes.stream().filter(hole -> hole.touches(from, to)).findFirst();
  }

  @Override
  public String toString() {
    return "(" + start + ", " + end + ")";
  }
}
