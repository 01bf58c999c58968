package dev.tableexport.runner.source;

import java.time.Duration;

/**
 * How many segments a scan reads at once. It starts at {@code initial}. While pages come back
 * slowly (their mean latency over a window at least {@link #SLOW_PAGE}), it tries one reader
 * fewer; if that did not pay, one more than it had; and keeps going the way that paid, one reader
 * a window, between 1 and {@code max}, until a step does not pay: then it goes back one and
 * settles. A reader fewer pays when the item rate does not fall; a reader more pays when the rate
 * rises by at least half of one reader's share ({@code rate / readers}). So a store that serves
 * one request at a time (DynamoDB Local, whose pages came back more than twice as fast with one
 * reader as with four) gets fewer readers, and a store that is slow per request yet serves
 * requests in parallel (DynamoDB far away, a store on slow disks) more. Fewer is tried first:
 * the slow stores measured needed fewer, and fewer readers hold less memory. Fast pages change
 * nothing: the encoders then set the pace. TotalSegments stays as it is, so checkpoints and
 * resumption are unaffected.
 *
 * <p>A window ends once it holds two pages per reader; its rate is its items over its duration.
 * The first window, and the first after each change, only lets the readers settle (a new
 * reader's first page is still under way) and is not measured. Not thread-safe: callers
 * serialize {@link #pageRead}.
 */
public final class ScanConcurrency {

  /** A 1 MB page from DynamoDB takes a few hundred milliseconds; slower means a slow store. */
  public static final Duration SLOW_PAGE = Duration.ofSeconds(1);

  private final int max;
  private final long slowPageNanos;
  private int readers;
  /** -1 or +1, the way it tries; 0 once settled. */
  private int direction = -1;
  private boolean turned;
  /** Whether a step the way it goes was kept. */
  private boolean stepKept;
  /** The rate before the last step, NaN when no step awaits its verdict. */
  private double rateBeforeStep = Double.NaN;

  private boolean settling = true;
  private long windowStart = -1;
  private int windowPages;
  private long windowItems;
  private long windowLatencyNanos;

  /** @param max readers at most; at least {@code initial} */
  public ScanConcurrency(int initial, int max, Duration slowPage) {
    this.readers = Math.max(1, initial);
    this.max = Math.max(this.readers, max);
    this.slowPageNanos = slowPage.toNanos();
  }

  public ScanConcurrency(int initial, int max) {
    this(initial, max, SLOW_PAGE);
  }

  /** Segments to read at once now. */
  public int readers() {
    return readers;
  }

  /**
   * Counts a page read and returns the readers wanted from now on.
   *
   * @param startedNanos when its request was sent ({@link System#nanoTime()})
   * @param endedNanos when its answer had been read
   */
  public int pageRead(int items, long startedNanos, long endedNanos) {
    if (windowStart < 0) {
      windowStart = startedNanos;
    }
    windowPages++;
    windowItems += items;
    windowLatencyNanos += endedNanos - startedNanos;
    if (windowPages >= 2 * readers && endedNanos > windowStart) {
      if (settling) {
        settling = false;
      } else {
        int before = readers;
        decide((double) windowItems / (endedNanos - windowStart),
            windowLatencyNanos / windowPages);
        settling = readers != before;
      }
      windowStart = endedNanos;
      windowPages = 0;
      windowItems = 0;
      windowLatencyNanos = 0;
    }
    return readers;
  }

  private void decide(double rate, long meanLatencyNanos) {
    if (!Double.isNaN(rateBeforeStep)) {
      boolean paid = direction > 0
          ? rate - rateBeforeStep >= rate / readers / 2
          : rate >= rateBeforeStep;
      rateBeforeStep = Double.NaN;
      if (paid) {
        stepKept = true;
      } else {
        readers -= direction;
        turnOrSettle();
        return; // the next window measures the rate with the readers it had
      }
    }
    if (direction == 0 || meanLatencyNanos < slowPageNanos) {
      return;
    }
    if (!canStep()) {
      turnOrSettle();
      if (!canStep()) {
        direction = 0;
        return;
      }
    }
    rateBeforeStep = rate;
    readers += direction;
  }

  private boolean canStep() {
    return direction != 0 && readers + direction >= 1 && readers + direction <= max;
  }

  /** After a way that paid, or the second way tried, it settles; else it tries the other way. */
  private void turnOrSettle() {
    if (stepKept || turned) {
      direction = 0;
    } else {
      direction = -direction;
      turned = true;
    }
  }
}
