package dev.tableexport.runner.export;

import dev.tableexport.contract.ApiLimits;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.source.ScanStart;
import java.util.HashMap;
import java.util.HashSet;
import java.util.zip.CRC32C;

/**
 * The share of one export that worker {@code index} of {@code count} does: scan segments whose
 * number is {@code index} modulo {@code count}, and keys whose stable hash is. Each segment and
 * each key belongs to exactly one worker, so the workers' shares add up to the whole export.
 */
public record WorkerShare(int index, int count) {

  public static final WorkerShare ALONE = new WorkerShare(0, 1);

  /** Throws ValidationException for a count or index out of range. */
  public static WorkerShare of(int index, int count) {
    if (count < 1 || count > ApiLimits.MAX_EXPORT_PARALLELISM) {
      throw new ExportFailure(FailureCodes.VALIDATION, "Value '" + count + "' at '--parallelism'"
          + " failed to satisfy constraint: Member must be between 1 and "
          + ApiLimits.MAX_EXPORT_PARALLELISM);
    }
    if (index < 0 || index >= count) {
      throw new ExportFailure(FailureCodes.VALIDATION, "Value '" + index + "' at '--worker-index'"
          + " (or JOB_COMPLETION_INDEX) failed to satisfy constraint: Member must be between 0 and "
          + (count - 1) + ", below --parallelism " + count);
    }
    return new WorkerShare(index, count);
  }

  public boolean split() {
    return count > 1;
  }

  /** Whether this worker exports the key (bytes of {@code KeyBytes}). */
  public boolean ownsKey(byte[] key) {
    if (!split()) {
      return true;
    }
    var crc = new CRC32C();
    crc.update(key);
    return crc.getValue() % count == index;
  }

  /** The scan restricted to this worker's segments: the others count as done. */
  public ScanStart restrict(ScanStart start) {
    if (!split()) {
      return start;
    }
    var startKeys = new HashMap<>(start.startKeys());
    var done = new HashSet<>(start.done());
    for (int segment = 0; segment < start.totalSegments(); segment++) {
      if (segment % count != index) {
        done.add(segment);
        startKeys.remove(segment);
      }
    }
    return new ScanStart(start.totalSegments(), startKeys, done);
  }

  /** A segment count that gives every worker as many segments: a multiple of the count. */
  public int segmentsFor(int segments) {
    int perWorker = (Math.max(segments, count) + count - 1) / count;
    return Math.min(perWorker * count, ApiLimits.MAX_SCAN_SEGMENTS / count * count);
  }

  @Override
  public String toString() {
    return "worker " + index + " of " + count;
  }
}
