package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.source.SourceTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanSegmentsTest {

  @Test
  void oneSegmentPerTwoGigabytesAsDynamoDbAdvises() {
    assertEquals(15, ScanSegments.forTable(table(30L << 30, 1_000), 4));
  }

  @Test
  void oneSegmentPerTwoThousandItemsForStoresWithSlowLargeSegments() {
    assertEquals(500, ScanSegments.forTable(table(200L << 20, 1_000_000), 4));
  }

  @Test
  void atLeastOneSegmentPerScanThread() {
    assertEquals(8, ScanSegments.forTable(table(0, 0), 8));
  }

  @Test
  void neverMoreThanDynamoDbTakes() {
    assertEquals(1_000_000, ScanSegments.forTable(table(Long.MAX_VALUE / 2, 0), 4));
  }

  private static SourceTable table(long sizeBytes, long items) {
    var arn = TableArn.parse("arn:aws:dynamodb:us-east-1:123456789012:table/orders").orElseThrow();
    return new SourceTable(arn, Optional.of(arn), "id", List.of("pk"), sizeBytes, items);
  }
}
