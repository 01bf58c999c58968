package dev.tableexport.runner.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.S3Prefix;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportLayoutTest {

  private static final String ID = "01768385930622-efd1a093";

  @Test
  void aWorkerOfASplitExportHasCheckpointsAPartAndFileNamesOfItsOwn() {
    var layout = new ExportLayout("p", ID, 2, 4);

    var dir = "p/AWSDynamoDB/" + ID + "/";
    assertEquals(dir + "_checkpoints/worker-0002/", layout.checkpointDirectory());
    assertEquals(dir + "_checkpoints/", layout.allCheckpointsDirectory());
    assertEquals(dir + "_checkpoints/parts/worker-0002.json", layout.partKey(2));
    var tag = DataFileName.workerTag(ID, 2);
    assertEquals(dir + "data/" + tag, layout.ownFilesPrefix());
    assertTrue(layout.newDataFileName(".json.gz").startsWith(tag));
    assertEquals(ID + "/worker-0002", layout.derivedNameSeed());
  }

  @Test
  void anExportNotSplitOwnsItsWholeDirectory() {
    var layout = new ExportLayout("p", ID);

    assertEquals(layout.allCheckpointsDirectory(), layout.checkpointDirectory());
    assertEquals(layout.exportDirectory(), layout.ownFilesPrefix());
    assertEquals(ID, layout.derivedNameSeed());
  }

  @Test
  void withoutPrefixKeysStartAtAwsDynamoDb() {
    var layout = new ExportLayout(null, ID);

    assertEquals("AWSDynamoDB/01768385930622-efd1a093/", layout.exportDirectory());
    assertEquals("AWSDynamoDB/01768385930622-efd1a093/_started", layout.startedKey());
    assertEquals("AWSDynamoDB/01768385930622-efd1a093/data/", layout.dataDirectory());
    assertEquals(
        "AWSDynamoDB/01768385930622-efd1a093/data/k3v5q2x7mbd4ahqye6zjw5lq4a.json.gz",
        layout.dataFileKey("k3v5q2x7mbd4ahqye6zjw5lq4a.json.gz"));
    assertEquals(
        "AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json", layout.manifestSummaryKey());
    assertEquals(
        "AWSDynamoDB/01768385930622-efd1a093/manifest-summary.md5", layout.manifestSummaryMd5Key());
    assertEquals(
        "AWSDynamoDB/01768385930622-efd1a093/manifest-files.json", layout.manifestFilesKey());
    assertEquals(
        "AWSDynamoDB/01768385930622-efd1a093/manifest-files.md5", layout.manifestFilesMd5Key());
  }

  @Test
  void emptyPrefixIsNoPrefix() {
    assertEquals("AWSDynamoDB/" + ID + "/_started", new ExportLayout("", ID).startedKey());
  }

  @Test
  void everyKeyIncludesThePrefix() {
    var layout = new ExportLayout("p", ID);

    assertEquals("p/AWSDynamoDB/01768385930622-efd1a093/", layout.exportDirectory());
    assertEquals("p/AWSDynamoDB/01768385930622-efd1a093/_started", layout.startedKey());
    assertEquals(
        "p/AWSDynamoDB/01768385930622-efd1a093/data/x.ion.gz", layout.dataFileKey("x.ion.gz"));
    assertEquals(
        "p/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json", layout.manifestSummaryKey());
    assertEquals(
        "p/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.md5",
        layout.manifestSummaryMd5Key());
    assertEquals(
        "p/AWSDynamoDB/01768385930622-efd1a093/manifest-files.json", layout.manifestFilesKey());
    assertEquals(
        "p/AWSDynamoDB/01768385930622-efd1a093/manifest-files.md5", layout.manifestFilesMd5Key());
  }

  @ParameterizedTest
  @CsvSource({
    "p/, p/AWSDynamoDB/01768385930622-efd1a093/data/f.json.gz",
    "a/b, a/b/AWSDynamoDB/01768385930622-efd1a093/data/f.json.gz",
    "a/b/, a/b/AWSDynamoDB/01768385930622-efd1a093/data/f.json.gz",
    "exports-2026, exports-2026/AWSDynamoDB/01768385930622-efd1a093/data/f.json.gz",
  })
  void prefixIsJoinedWithOneSlash(String prefix, String expectedKey) {
    var layout = new ExportLayout(prefix, ID);

    assertEquals(expectedKey, layout.dataFileKey("f.json.gz"));
    assertFalse(layout.manifestSummaryKey().contains("//"), layout.manifestSummaryKey());
  }

  @Test
  void onlyDataFilesGoUnderData() {
    var layout = new ExportLayout("p", ID);

    for (var key :
        new String[] {
          layout.startedKey(),
          layout.manifestSummaryKey(),
          layout.manifestSummaryMd5Key(),
          layout.manifestFilesKey(),
          layout.manifestFilesMd5Key()
        }) {
      assertFalse(key.startsWith(layout.dataDirectory()), key);
    }
  }

  @Test
  void noKeyIsLongerThanTheLongestKeyTheContractBoundsPrefixesBy() {
    var layout = new ExportLayout(null, ID);
    int longest = S3Prefix.LONGEST_RELATIVE_KEY.length();

    assertEquals(longest, layout.dataFileKey(DataFileName.random(".json.gz")).length());
    for (var key : List.of(layout.startedKey(), layout.manifestSummaryKey(),
        layout.manifestSummaryMd5Key(), layout.manifestFilesKey(), layout.manifestFilesMd5Key(),
        layout.dataFileKey(DataFileName.random(".ion.gz")),
        layout.incrementalDataDirectory() + DataFileName.derived(ID, 123_456, ".json.gz"))) {
      assertTrue(key.length() <= longest, key);
    }
  }
}
