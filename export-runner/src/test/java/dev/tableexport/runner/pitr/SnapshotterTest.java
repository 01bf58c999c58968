package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.source.SourceTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotterTest {

  private static final ExportPipeline.Settings CHOSEN_BY_SIZE =
      new ExportPipeline.Settings(0, 2, 2, 1 << 20, null, 4, 16);

  @Test
  void snapshotOfABigTableScansInOneSegmentPerTwoThousandItems() {
    assertEquals(500, Snapshotter.segments(table(1_000_000), CHOSEN_BY_SIZE));
  }

  @Test
  void snapshotOfASmallTableScansInOneSegmentPerScanThread() {
    assertEquals(4, Snapshotter.segments(table(1_000), CHOSEN_BY_SIZE));
  }

  @Test
  void scanSegmentsAskedForAreUsedWhateverTheTableSize() {
    var asked = new ExportPipeline.Settings(7, 2, 2, 1 << 20, null, 4, 16);
    assertEquals(7, Snapshotter.segments(table(1_000_000), asked));
  }

  private static SourceTable table(long items) {
    var arn = TableArn.parse("arn:aws:dynamodb:us-east-1:123456789012:table/orders").orElseThrow();
    return new SourceTable(arn, Optional.of(arn), "id", List.of("pk"), 200 * items, items);
  }
}
