package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.source.ScanPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CheckpointTest {

  private static final DataFileEntry FILE =
      new DataFileEntry(3, "md5==", "etag-1", "p/AWSDynamoDB/x/data/a.json.gz");
  private static final Map<String, AttributeValue> KEY = Map.of(
      "pk", AttributeValue.fromS("a\"b"),
      "sk", AttributeValue.fromN("12.50"),
      "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1, 7})));

  @Test
  void aCheckpointReadsBackAsWritten() throws IOException {
    var checkpoint = new Checkpoint(7, "ION", 16, FILE, 123,
        List.of(new ScanPosition(3, KEY), new ScanPosition(5, null)));

    var read = Checkpoint.parse(checkpoint.toBytes());

    assertEquals(checkpoint, read);
    assertArrayEquals(new byte[] {0, -1, 7},
        read.positions().getFirst().nextKey().get("bin").b().asByteArray());
  }

  @Test
  void aCheckpointOfPositionsAloneHasNoFile() throws IOException {
    var checkpoint = new Checkpoint(0, "DYNAMODB_JSON", 4, null, 0,
        List.of(new ScanPosition(1, null)));

    assertEquals(checkpoint, Checkpoint.parse(checkpoint.toBytes()));
  }

  @Test
  void otherBytesAreNoCheckpoint() {
    assertThrows(IOException.class,
        () -> Checkpoint.parse("{\"file\":{}}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IOException.class,
        () -> Checkpoint.parse("not json".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theNewestPositionOfEachSegmentWinsWhateverTheOrderTheyAreListedIn() {
    var older = new Checkpoint(1, "ION", 4, FILE, 10, List.of(new ScanPosition(0, KEY)));
    var second = new DataFileEntry(2, "m2", "e2", "p/AWSDynamoDB/x/data/b.json.gz");
    var newer = new Checkpoint(2, "ION", 4, second, 5,
        List.of(new ScanPosition(0, null), new ScanPosition(2, KEY)));

    var resume = Resume.of(List.of(newer, older));

    var scan = resume.scan().orElseThrow();
    assertEquals(4, scan.totalSegments());
    assertEquals(Set.of(0), scan.done());
    assertEquals(Map.of(2, KEY), scan.startKeys());
    assertEquals(List.of(FILE, second), resume.files());
    assertEquals(15, resume.billedSizeBytes());
    assertEquals(3, resume.nextSequence());
  }

  @Test
  void noCheckpointsIsAFreshStart() {
    assertEquals(Resume.fresh(), Resume.of(List.of()));
  }
}
