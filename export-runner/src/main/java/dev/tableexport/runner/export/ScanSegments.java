package dev.tableexport.runner.export;

import dev.tableexport.contract.ApiLimits;
import dev.tableexport.runner.source.SourceTable;

/**
 * How many segments a scan of the table uses when none is asked for: DynamoDB's guidance, one
 * segment per 2 GB of data ("Best practices for querying and scanning data", developer guide:
 * "begin with a simple ratio, such as one segment per 2 GB of data"); at least one per 2,000
 * items, for DynamoDB-compatible stores whose Scan costs more per item the larger the segment is
 * (DynamoDB Local: about 0.1 ms per item from segments of a few thousand items, 2 ms from one of
 * 100,000, 5 ms and more from one of 200,000; the figures are in the README's bench section),
 * which costs DynamoDB itself only a few more, smaller, requests; and at least one per scan
 * thread.
 */
public final class ScanSegments {

  static final long BYTES_PER_SEGMENT = 2L << 30;
  static final long ITEMS_PER_SEGMENT = 2_000;

  private ScanSegments() {}

  public static int forTable(SourceTable table, int scanThreads) {
    long bySize = ceilDiv(table.sizeBytes(), BYTES_PER_SEGMENT);
    long byItems = ceilDiv(table.itemCount(), ITEMS_PER_SEGMENT);
    long segments = Math.max(Math.max(bySize, byItems), Math.max(1, scanThreads));
    return (int) Math.min(segments, ApiLimits.MAX_SCAN_SEGMENTS);
  }

  private static long ceilDiv(long value, long divisor) {
    return Math.max(0, (value + divisor - 1) / divisor);
  }
}
