package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.manifest.DataFileEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportPartsTest {

  @Test
  void thePartsAddUpToOneExportWhateverOrderTheyComeIn() {
    var one = part(1, 100, 300, 10L, 0, file("d/b", 3), file("d/a", 2));
    var zero = part(0, 50, 400, 10L, 0, file("d/c", 4));

    var whole = ExportParts.merge(List.of(one, zero));

    assertEquals(List.of("d/c", "d/a", "d/b"),
        whole.files().stream().map(DataFileEntry::dataFileS3Key).toList(),
        "sorted by worker, then key");
    assertEquals(Instant.ofEpochMilli(50), whole.startTime());
    assertEquals(Instant.ofEpochMilli(400), whole.endTime());
    assertEquals(Instant.ofEpochMilli(10), whole.exportTime());
    assertEquals(2 * 1_000, whole.billedSizeBytes());
    assertEquals(whole, ExportParts.merge(List.of(zero, one)));
  }

  @Test
  void scansOfEachWorkerStartWhenItStartsTheEarliestIsTheExportTime() {
    var whole = ExportParts.merge(List.of(part(0, 70, 90, 70L, 8), part(1, 60, 95, 60L, 8)));

    assertEquals(Instant.ofEpochMilli(60), whole.exportTime());
  }

  @Test
  void partsThatScannedInOtherSegmentCountsCannotMakeOneExport() {
    var failure = assertThrows(ExportFailure.class,
        () -> ExportParts.merge(List.of(part(0, 1, 2, 1L, 8), part(1, 1, 2, 1L, 12))));

    assertEquals("ValidationException", failure.code());
    assertTrue(failure.getMessage().contains("--scan-segments"), failure.getMessage());
  }

  @Test
  void aPartReadsBackAsWritten() throws IOException {
    var part = part(2, 5, 6, null, 0, file("d/x", 7));

    assertEquals(part, ExportPart.parse(part.toBytes()));
  }

  private static ExportPart part(int worker, long start, long end, Long exportTime, int segments,
      DataFileEntry... files) {
    var list = List.of(files);
    return new ExportPart(worker, 4, "DYNAMODB_JSON", start, end, exportTime, segments, 1_000,
        list.stream().mapToLong(DataFileEntry::itemCount).sum(), null, null, null, list);
  }

  private static DataFileEntry file(String key, long items) {
    return new DataFileEntry(items, "md5-" + key, "etag-" + key, key);
  }
}
