package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import dev.tableexport.runner.export.Checkpoint;
import dev.tableexport.runner.export.Resume;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.source.ScanPosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeyOrderPagesTest {

  private static final KeyBytes KEYS = new KeyBytes(List.of("pk", "sk"));
  private static final DataFileEntry FILE = new DataFileEntry(3, "md5==", "etag", "d/a.json.gz");

  private final List<List<Map<String, AttributeValue>>> pages = new ArrayList<>();
  private final List<ScanPosition> positions = new ArrayList<>();

  private static Map<String, AttributeValue> item(int sk) {
    return Map.of("pk", fromS("a"), "sk", fromN(Integer.toString(sk)), "note", fromS("n" + sk));
  }

  /** Items sorted as the merge sorts them: by their key bytes. */
  private static List<Map<String, AttributeValue>> items(int from, int to) {
    return IntStream.range(from, to).mapToObj(KeyOrderPagesTest::item)
        .sorted((a, b) -> java.util.Arrays.compareUnsigned(KEYS.of(a), KEYS.of(b)))
        .toList();
  }

  private KeyOrderPages<Map<String, AttributeValue>> pages(Resume resume) {
    return new KeyOrderPages<>(KEYS, item -> item, resume, (page, after) -> {
      pages.add(List.copyOf(page));
      positions.add(after);
    });
  }

  /** A resume from a checkpoint stored (and read back) after the file ending at {@code last}. */
  private static Resume resumeAfter(Map<String, AttributeValue> last) throws IOException {
    var checkpoint = new Checkpoint(0, "ION", KeyOrderPages.TOTAL_SEGMENTS, FILE, 10,
        List.of(new ScanPosition(KeyOrderPages.SEGMENT, KEYS.keyOf(last))));
    return Resume.of(List.of(Checkpoint.parse(checkpoint.toBytes())));
  }

  @Test
  void aFreshStartPassesEveryPageWithItsLastKeyAsPosition() throws Exception {
    var all = items(0, 10);
    var consumer = pages(Resume.fresh());

    consumer.accept(all.subList(0, 4));
    consumer.accept(all.subList(4, 10));

    assertEquals(List.of(all.subList(0, 4), all.subList(4, 10)), pages);
    assertEquals(new ScanPosition(0, KEYS.keyOf(all.get(3))), positions.get(0));
    assertEquals(new ScanPosition(0, KEYS.keyOf(all.get(9))), positions.get(1));
    assertEquals(List.of("pk", "sk"), List.copyOf(positions.get(1).nextKey().keySet()),
        "the position holds the key attributes only");
  }

  @Test
  void aRerunSkipsEveryItemUpToAndIncludingTheCheckpointedKey() throws Exception {
    var all = items(0, 12);
    var consumer = pages(resumeAfter(all.get(5)));

    consumer.accept(all.subList(0, 4)); // all before the checkpoint: dropped whole
    consumer.accept(all.subList(4, 8)); // cut after the checkpointed key
    consumer.accept(all.subList(8, 12)); // past it: passed on whole

    assertEquals(List.of(all.subList(6, 8), all.subList(8, 12)), pages);
    assertEquals(new ScanPosition(0, KEYS.keyOf(all.get(7))), positions.get(0));
  }

  @Test
  void aCheckpointAtThePageEndSkipsThatPageWhole() throws Exception {
    var all = items(0, 8);
    var consumer = pages(resumeAfter(all.get(3)));

    consumer.accept(all.subList(0, 4));
    consumer.accept(all.subList(4, 8));

    assertEquals(List.of(all.subList(4, 8)), pages);
  }

  @Test
  void numberKeysCompareByValueNotByText() throws Exception {
    var all = items(0, 4);
    var stored = Map.of("pk", fromS("a"), "sk", fromN("1.00")); // the key of item 1, as text
    var consumer = pages(resumeAfter(stored));

    consumer.accept(all);

    assertEquals(all.subList(all.indexOf(item(1)) + 1, all.size()), pages.getFirst());
  }
}
