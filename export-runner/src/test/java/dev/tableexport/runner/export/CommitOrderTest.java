package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.source.ScanPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CommitOrderTest {

  private final List<CommitOrder.Durable> committed = new ArrayList<>();
  private final CommitOrder order = new CommitOrder(committed::add);

  @Test
  void aFileUploadedBeforeAnEarlierOneWaitsForIt() {
    var first = order.submitted(List.of(position(0, "a")), 1);
    var second = order.submitted(List.of(position(0, "b")), 2);

    order.uploaded(second, entry("second"));
    assertEquals(List.of(), committed);

    order.uploaded(first, entry("first"));
    assertEquals(List.of(
        new CommitOrder.Durable(entry("first"), 1, List.of(position(0, "a"))),
        new CommitOrder.Durable(entry("second"), 2, List.of(position(0, "b")))), committed);
  }

  @Test
  void aPositionWithoutLinesIsDurableWithTheLastFileOrAtOnce() {
    order.afterLast(new ScanPosition(1, null));
    assertEquals(List.of(new CommitOrder.Durable(null, 0, List.of(new ScanPosition(1, null)))),
        committed);

    var file = order.submitted(List.of(position(0, "a")), 1);
    order.afterLast(new ScanPosition(0, null));
    assertEquals(1, committed.size());
    order.uploaded(file, entry("f"));
    assertEquals(new CommitOrder.Durable(entry("f"), 1,
        List.of(position(0, "a"), new ScanPosition(0, null))), committed.getLast());
  }

  private static ScanPosition position(int segment, String key) {
    return new ScanPosition(segment, Map.of("pk", AttributeValue.fromS(key)));
  }

  private static DataFileEntry entry(String name) {
    return new DataFileEntry(1, "md5", "etag", name);
  }
}
