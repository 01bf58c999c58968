package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.pitr.KeyBytes;
import dev.tableexport.runner.source.ScanStart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class WorkerShareTest {

  private static final KeyBytes KEYS = new KeyBytes(List.of("pk", "sk"));

  @Test
  void eachKeyBelongsToExactlyOneWorkerAndTheSharesAreEven() {
    var shares = List.of(WorkerShare.of(0, 4), WorkerShare.of(1, 4), WorkerShare.of(2, 4),
        WorkerShare.of(3, 4));
    var counts = new int[4];
    for (int i = 0; i < 10_000; i++) {
      var key = KEYS.of(Map.of("pk", AttributeValue.fromS("customer-" + i),
          "sk", AttributeValue.fromN(Integer.toString(i % 7))));
      var owners = new ArrayList<Integer>();
      for (var share : shares) {
        if (share.ownsKey(key)) {
          owners.add(share.index());
        }
      }
      assertEquals(1, owners.size(), "one owner of key " + i);
      counts[owners.getFirst()]++;
    }
    for (int count : counts) {
      assertTrue(count > 2_000 && count < 3_000, "about a quarter each: " + List.of(counts));
    }
  }

  @Test
  void aKeysOwnerDoesNotDependOnHowItsNumberIsWritten() {
    var share = WorkerShare.of(1, 3);
    var plain = KEYS.of(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromN("1")));
    var padded =
        KEYS.of(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromN("1.00")));

    assertEquals(share.ownsKey(plain), share.ownsKey(padded));
  }

  @Test
  void aWorkerScansItsSegmentsOnlyFromWhereItsCheckpointsLeftThem() {
    var start = new ScanStart(8,
        Map.of(1, Map.of("pk", AttributeValue.fromS("x")),
            2, Map.of("pk", AttributeValue.fromS("y"))),
        Set.of(5));

    var own = WorkerShare.of(1, 4).restrict(start);

    assertEquals(8, own.totalSegments());
    assertEquals(Set.of(1), own.startKeys().keySet());
    assertEquals(Set.of(0, 2, 3, 4, 5, 6, 7), own.done(), "segment 5 was done, 1 is left");
  }

  @Test
  void segmentCountsAreRoundedUpToAMultipleOfTheWorkers() {
    assertEquals(4, WorkerShare.of(0, 4).segmentsFor(1));
    assertEquals(8, WorkerShare.of(0, 4).segmentsFor(6));
    assertEquals(8, WorkerShare.of(0, 4).segmentsFor(8));
    assertEquals(999_999, WorkerShare.of(0, 3).segmentsFor(1_000_000), "within DynamoDB's limit");
    assertEquals(6, WorkerShare.ALONE.segmentsFor(6));
  }

  @Test
  void aCountOrIndexOutOfRangeIsAValidationErrorThatSaysTheRange() {
    var index = assertThrows(ExportFailure.class, () -> WorkerShare.of(4, 4));
    var count = assertThrows(ExportFailure.class, () -> WorkerShare.of(0, 65));

    assertEquals("ValidationException", index.code());
    assertTrue(index.getMessage().contains("between 0 and 3"), index.getMessage());
    assertEquals("ValidationException", count.code());
    assertTrue(count.getMessage().contains("between 1 and 64"), count.getMessage());
  }

  @Test
  void anExportNotSplitOwnsEverything() {
    var start = ScanStart.fromTheBeginning(4);

    assertEquals(start, WorkerShare.ALONE.restrict(start));
    assertTrue(WorkerShare.ALONE.ownsKey(new byte[] {1, 2, 3}));
  }
}
