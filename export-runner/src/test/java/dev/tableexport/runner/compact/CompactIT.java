package dev.tableexport.runner.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.pitr.PitrExportPlanner;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.RunnerProcess;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A table's history, recorded by the real recorder from DynamoDB Local's stream into S3Proxy, and
 * exported by the runner as a full export and three incremental exports that continue it: their
 * compaction equals, item for item, the runner's own full export of the table at the chain's end,
 * in either format and across formats; chains that do not hold together are refused.
 */
class CompactIT {

  private static final int ATTEMPTS = 3;
  private static final String BUCKET = "exports";
  private static final String OUT = "compacted";
  private static final StoreLocation STORE = new StoreLocation("backups", "pitr");
  private static final ExportPipeline.Settings PIPELINE =
      new ExportPipeline.Settings(2, 2, 2, 16 * 1024);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static LocalEnvironment local;
  private static String table;
  private static LocalRecorder recorder;
  private static TableHistory history;
  private static Path workDirectory;
  private static final List<Instant> phaseEnds = new ArrayList<>();
  private static final Map<String, ExportDescription> exports = new HashMap<>();

  /**
   * Records the history; on a machine so loaded that the recorder falls behind, the backup has a
   * hole where the history was written, which no export may cross: the history is then written
   * again to a new table, at most {@value #ATTEMPTS} times.
   */
  @BeforeAll
  static void recordAHistoryInFourPhases() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    local.s3().createBucket(create -> create.bucket(OUT));
    workDirectory = Files.createTempDirectory("compact-it-");
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      table = "orders-" + attempt;
      phaseEnds.clear();
      recordHistory();
      var hole = recorder.store().readStatus().orElseThrow()
          .holeTouching(phaseEnds.getFirst(), phaseEnds.getLast());
      if (hole.isEmpty()) {
        return;
      }
      System.err.println("The recorder fell behind, leaving the hole " + hole.get()
          + " in the history of " + table + "; writing it again");
      recorder.close();
      recorder = null;
    }
    throw new IllegalStateException("Every attempt left a hole in the recorded history");
  }

  private static void recordHistory() throws Exception {
    TestTables.createHashOnly(local.dynamo(), table, ScalarAttributeType.S, 0);
    history = new TableHistory(local.dynamo(), table);
    for (int i = 0; i < 20; i++) {
      history.put(TableHistory.item(key(i), 1, "first " + i));
    }
    for (int i = 0; i < 4; i++) {
      var item = new HashMap<>(SampleTable.item(i)); // every attribute type
      item.remove("pk");
      item.remove("sk");
      item.put("id", AttributeValue.fromS("typed-" + i));
      history.put(Map.copyOf(item));
    }
    history.endPhase();
    recorder = new LocalRecorder(local, table, STORE);
    phaseEnds.add(recorder.settledTime());

    history.updateNote(key(0), "changed in link 1");
    history.delete(key(1));
    history.put(TableHistory.item("new-1", 1, "created in link 1"));
    history.put(TableHistory.item("new-2", 1, "created and deleted in link 1"));
    history.delete("new-2");
    history.updateNote("typed-0", "a note on a typed item");
    history.endPhase();
    phaseEnds.add(recorder.settledTime());

    history.delete("new-1");
    history.put(TableHistory.item(key(1), 2, "re-created in link 2"));
    history.updateNote(key(0), "changed again in link 2");
    history.delete("typed-1");
    history.endPhase();
    phaseEnds.add(recorder.settledTime());

    history.put(TableHistory.item("new-3", 1, "created in link 3"));
    history.updateNote("new-3", "updated in link 3");
    history.delete(key(2));
    history.updateNote(key(3), "first 3"); // changes nothing
    history.endPhase();
    phaseEnds.add(recorder.settledTime());
  }

  @AfterAll
  static void stop() throws Exception {
    if (recorder != null) {
      recorder.close();
    }
    local.close();
  }

  static Stream<Arguments> chains() {
    return Stream.of(
        Arguments.of(ExportFormat.DYNAMODB_JSON, ExportFormat.DYNAMODB_JSON, "NEW_AND_OLD_IMAGES",
            null, ExportFormat.DYNAMODB_JSON),
        Arguments.of(ExportFormat.ION, ExportFormat.ION, "NEW_AND_OLD_IMAGES", null,
            ExportFormat.ION),
        Arguments.of(ExportFormat.DYNAMODB_JSON, ExportFormat.ION, "NEW_IMAGE", "ION",
            ExportFormat.ION),
        Arguments.of(ExportFormat.ION, ExportFormat.DYNAMODB_JSON, "NEW_IMAGE", "DYNAMODB_JSON",
            ExportFormat.DYNAMODB_JSON));
  }

  @ParameterizedTest(name = "{0} full export, {1} {2} links, compacted to {4}")
  @MethodSource("chains")
  void compactedChainEqualsTheFullExportAtItsEnd(ExportFormat base, ExportFormat links,
      String view, String requestedFormat, ExportFormat written) {
    var chain = List.of(full(base, 0), link(links, 0, 1, view), link(links, 1, 2, view),
        link(links, 2, 3, view));

    var compacted = compact(chain, requestedFormat, 1024);

    assertEquals(ExportDescription.COMPLETED, compacted.exportStatus(), compacted.failureMessage());
    assertEquals("FULL_EXPORT", compacted.exportType());
    assertEquals(phaseEnds.get(3), compacted.exportTime());
    assertEquals(written.name(), compacted.exportFormat());
    var stored = new StoredExport(local.s3(), OUT, compacted);
    stored.assertWellFormed();
    var reference = full(written, 3);
    var referenceItems = new StoredExport(local.s3(), BUCKET, reference).items();
    assertEquals(CanonicalItems.multiset(referenceItems), CanonicalItems.multiset(stored.items()));
    assertEquals(CanonicalItems.multiset(history.itemsAt(3)),
        CanonicalItems.multiset(stored.items()));
    assertEquals(reference.itemCount(), compacted.itemCount());
    assertEquals(reference.billedSizeBytes(), compacted.billedSizeBytes());
    assertEquals(reference.tableArn(), compacted.tableArn());
    assertEquals(reference.tableId(), compacted.tableId());
    var summary = stored.summary();
    assertEquals(OUT, summary.get("s3Bucket").asText());
    assertEquals("compact", summary.get("s3Prefix").asText());
    assertEquals(reference.tableId(), summary.get("tableId").asText());
    assertTrue(!compacted.startTime().isBefore(phaseEnds.get(3)), "exportTime <= startTime");
  }

  @Test
  void tableWithASortKeyIsMergedByBothKeyAttributes() throws Exception {
    List<ExportDescription> exported = List.of();
    for (int attempt = 1; attempt <= ATTEMPTS && exported.isEmpty(); attempt++) {
      exported = sortKeyTableChain("lines-" + attempt);
    }
    assertFalse(exported.isEmpty(), "Every attempt left a hole in the recorded history");

    var compacted = compact(exported.subList(0, 2), "DYNAMODB_JSON", 1024);

    assertEquals(ExportDescription.COMPLETED, compacted.exportStatus(),
        compacted.failureMessage());
    assertEquals(28, compacted.itemCount());
    assertEquals(
        CanonicalItems.multiset(new StoredExport(local.s3(), BUCKET, exported.get(2)).items()),
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, compacted).items()));
  }

  /**
   * A table keyed by {@code pk} and {@code sk}, changed under a recorder: its ION full export
   * before, the ION incremental export of the changes, and the JSON full export after; none if
   * the recorder fell behind and left a hole.
   */
  private static List<ExportDescription> sortKeyTableChain(String name) throws Exception {
    SampleTable.create(local.dynamo(), name);
    SampleTable.fill(local.dynamo(), name, 30);
    try (var lines = new LocalRecorder(local, name, STORE)) {
      var start = lines.settledTime();
      for (int index : new int[] {3, 4, 25}) {
        var item = SampleTable.item(index);
        local.dynamo().deleteItem(delete -> delete.tableName(name)
            .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
      }
      local.dynamo().updateItem(update -> update.tableName(name)
          .key(Map.of("pk", AttributeValue.fromS("customer#000001"),
              "sk", AttributeValue.fromN("11")))
          .updateExpression("SET express = :no")
          .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false))));
      var added = new HashMap<>(SampleTable.item(31));
      added.put("pk", AttributeValue.fromS("customer#000000"));
      local.dynamo().putItem(put -> put.tableName(name).item(added));
      var end = lines.settledTime();
      if (lines.store().readStatus().orElseThrow().holeTouching(start, end).isPresent()) {
        return List.of();
      }
      return List.of(
          exported(fullOf(name, ExportFormat.ION, start)),
          exported(new ExportRequest(TestTables.arn(name), BUCKET, "chain", null, null, null,
              ExportFormat.ION, ExportType.INCREMENTAL_EXPORT, null,
              new IncrementalExportSpecification(start, end, "NEW_IMAGE"), null, null)),
          exported(fullOf(name, ExportFormat.DYNAMODB_JSON, end)));
    }
  }

  @Test
  void compactedChainIsTheSameWhetherTheMergeSpillsOrNot() {
    var chain = List.of(full(ExportFormat.DYNAMODB_JSON, 0),
        link(ExportFormat.DYNAMODB_JSON, 0, 1, "NEW_AND_OLD_IMAGES"));

    var inMemory = compact(chain, null, 64L << 20);
    var spilled = compact(chain, null, 1);

    assertEquals(ExportDescription.COMPLETED, spilled.exportStatus(), spilled.failureMessage());
    assertEquals(
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, inMemory).items()),
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, spilled).items()));
    assertEquals(CanonicalItems.multiset(history.itemsAt(1)),
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, spilled).items()));
  }

  @Test
  void rerunWithTheSameExportArnReportsTheOneExport() {
    var chain = List.of(manifest(full(ExportFormat.ION, 0)),
        manifest(link(ExportFormat.ION, 0, 1, "NEW_AND_OLD_IMAGES")));
    var arn = TestTables.arn(table).arn() + "/export/01768385930622-0badcafe";
    var settings = new CompactService.Settings(workDirectory, 1024, PIPELINE);
    var service = new CompactService(local.s3(), settings, Clock.systemUTC());
    var target = new CompactService.Target(OUT, "rerun", null, arn);

    var first = service.compact(chain, target);
    var again = service.compact(chain, target);

    assertEquals(ExportDescription.COMPLETED, again.exportStatus(), again.failureMessage());
    assertEquals(arn, again.exportArn());
    assertEquals(first.endTime(), again.endTime());
    new StoredExport(local.s3(), OUT, again).assertWellFormed();
  }

  @Test
  void theNewExportIsEncryptedAsAsked() {
    var chain = List.of(manifest(full(ExportFormat.DYNAMODB_JSON, 0)),
        manifest(link(ExportFormat.DYNAMODB_JSON, 0, 1, "NEW_AND_OLD_IMAGES")));
    var settings = new CompactService.Settings(workDirectory, 1024, PIPELINE);
    var target = new CompactService.Target(OUT, "encrypted", null, null, null, "KMS",
        "alias/exports");

    var compacted = new CompactService(local.s3(), settings, Clock.systemUTC())
        .compact(chain, target);

    assertEquals(ExportDescription.COMPLETED, compacted.exportStatus(), compacted.failureMessage());
    var stored = new StoredExport(local.s3(), OUT, compacted);
    assertEquals("KMS", stored.summary().get("s3SseAlgorithm").asText());
    assertEquals("alias/exports", stored.summary().get("s3SseKmsKeyId").asText());
    for (var key : stored.keysUnder(stored.directory())) {
      var head = local.s3().headObject(h -> h.bucket(OUT).key(key));
      assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption(), key);
      assertEquals("alias/exports", head.ssekmsKeyId(), key);
    }
  }

  @Test
  void fullExportAloneIsCopiedInTheRequestedFormat() {
    var compacted = compact(List.of(full(ExportFormat.DYNAMODB_JSON, 2)), "ION", 1024);

    assertEquals(ExportDescription.COMPLETED, compacted.exportStatus(), compacted.failureMessage());
    assertEquals(phaseEnds.get(2), compacted.exportTime());
    assertEquals(CanonicalItems.multiset(history.itemsAt(2)),
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, compacted).items()));
  }

  static Stream<Arguments> brokenChains() {
    return Stream.of(
        Arguments.of(new int[] {0, 1, 2, 3}, "a gap of", 1, 2),
        Arguments.of(new int[] {0, 2, 1, 3}, "an overlap of", 2, 1),
        Arguments.of(new int[] {1, 2, 0, 1}, "out of order", 0, 1));
  }

  /** @param windows the two links' windows: phases {from, to, from, to} */
  @ParameterizedTest(name = "links {0} refused: {1}")
  @MethodSource("brokenChains")
  void chainThatDoesNotHoldTogetherIsRefusedNamingTheTimes(int[] windows, String problem,
      int firstTime, int secondTime) {
    var json = ExportFormat.DYNAMODB_JSON;
    var description = compact(List.of(full(json, 0),
        link(json, windows[0], windows[1], "NEW_IMAGE"),
        link(json, windows[2], windows[3], "NEW_IMAGE")), null, 1024);

    assertRefused(description, "ValidationException", problem);
    for (int phase : new int[] {firstTime, secondTime}) {
      assertTrue(description.failureMessage().contains(phaseEnds.get(phase).toString()),
          description.failureMessage());
    }
  }

  @Test
  void linkOfAnotherTableIsRefused() {
    var json = ExportFormat.DYNAMODB_JSON;
    var link = link(json, 0, 1, "NEW_IMAGE");
    var summaryKey = "other-table/" + link.exportManifest();
    var summary = new String(get(link.exportManifest()), StandardCharsets.UTF_8)
        .replace("table/" + table, "table/invoices");
    local.s3().putObject(put -> put.bucket(BUCKET).key(summaryKey),
        RequestBody.fromString(summary));
    local.s3().copyObject(copy -> copy.sourceBucket(BUCKET)
        .sourceKey(link.exportManifest().replace("summary", "files"))
        .destinationBucket(BUCKET).destinationKey(summaryKey.replace("summary", "files")));

    var description = compactManifests(List.of(manifest(full(json, 0)),
        new ManifestLocation(BUCKET, summaryKey)), null);

    assertRefused(description, "ValidationException", "a chain is of one table");
    assertTrue(description.failureMessage().contains("table/invoices"),
        description.failureMessage());
  }

  @Test
  void copiedExportIsReadWhereItIsNow() {
    var base = copyOfFullExport("copied");

    var description = compactManifests(List.of(base,
        manifest(link(ExportFormat.DYNAMODB_JSON, 0, 1, "NEW_AND_OLD_IMAGES"))), null);

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(),
        description.failureMessage());
    assertEquals(CanonicalItems.multiset(history.itemsAt(1)),
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, description).items()));
  }

  @Test
  void missingDataFileIsNamed() {
    var base = copyOfFullExport("missing-file");
    var dataFile = dataFilesOf(base).getFirst();
    local.s3().deleteObject(delete -> delete.bucket(BUCKET).key(dataFile));

    var description = compactManifests(List.of(base), null);

    assertRefused(description, "CorruptExportObjectException", dataFile + " is missing");
  }

  @Test
  void dataFileThatDoesNotMatchItsChecksumIsRefused() {
    var base = copyOfFullExport("changed-file");
    var dataFile = dataFilesOf(base).getFirst();
    var other = dataFilesOf(manifest(full(ExportFormat.DYNAMODB_JSON, 3))).getFirst();
    local.s3().copyObject(copy -> copy.sourceBucket(BUCKET).sourceKey(other)
        .destinationBucket(BUCKET).destinationKey(dataFile));

    var description = compactManifests(List.of(base), null);

    assertRefused(description, "CorruptExportObjectException", "md5Checksum");
    assertTrue(description.failureMessage().contains(dataFile), description.failureMessage());
  }

  @Test
  void damagedManifestIsRefusedByItsMd5Sidecar() {
    var base = copyOfFullExport("damaged-manifest");
    var files = new String(get(base.key().replace("summary", "files")), StandardCharsets.UTF_8);
    local.s3().putObject(put -> put.bucket(BUCKET).key(base.key().replace("summary", "files")),
        RequestBody.fromString(files.replace("\"itemCount\":", "\"itemCount\":1")));

    var description = compactManifests(List.of(base), null);

    assertRefused(description, "CorruptExportObjectException", "manifest-files.md5 says");
  }

  @Test
  void manifestThatDoesNotExistIsRefused() {
    var description = compactManifests(
        List.of(new ManifestLocation(BUCKET, "nowhere/manifest-summary.json")), null);

    assertRefused(description, "ValidationException",
        "There is no manifest at s3://exports/nowhere");
  }

  @Test
  void commandLineCompactsAChainAndPrintsItsDescription() throws Exception {
    var json = ExportFormat.DYNAMODB_JSON;
    var run = runner("compact", "--manifest", uri(full(json, 0)),
        "--manifest", uri(link(json, 0, 1, "NEW_AND_OLD_IMAGES")),
        "--manifest", uri(link(json, 1, 2, "NEW_AND_OLD_IMAGES")),
        "--s3-bucket", OUT, "--s3-prefix", "cli", "--export-format", "ION");

    assertEquals(0, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals(ExportDescription.COMPLETED, description.exportStatus());
    assertEquals("ION", description.exportFormat());
    assertEquals(phaseEnds.get(2), description.exportTime());
    assertEquals(CanonicalItems.multiset(history.itemsAt(2)),
        CanonicalItems.multiset(new StoredExport(local.s3(), OUT, description).items()));
  }

  @Test
  void commandLineReportsARefusedChainWithExitCode1() throws Exception {
    var json = ExportFormat.DYNAMODB_JSON;
    var run = runner("compact", "--manifest", uri(full(json, 0)),
        "--manifest", uri(link(json, 1, 2, "NEW_IMAGE")), "--s3-bucket", OUT);

    assertEquals(1, run.exitCode(), run.stderr());
    var description = ExportResult.parse(run.stdout()).exportDescription();
    assertEquals("FAILED", description.exportStatus());
    assertEquals("ValidationException", description.failureCode());
    assertTrue(description.failureMessage().contains("a gap of"), description.failureMessage());
  }

  @Test
  void missingManifestOptionIsAUsageError() throws Exception {
    var run = runner("compact", "--s3-bucket", OUT);

    assertEquals(2, run.exitCode());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().contains("--manifest"), run.stderr());
  }

  @Test
  void manifestThatIsNoSummaryUriIsAUsageError() throws Exception {
    var run = runner("compact", "--manifest", "s3://exports/AWSDynamoDB/", "--s3-bucket", OUT);

    assertEquals(2, run.exitCode());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().contains("manifest-summary.json"), run.stderr());
  }

  private static ExportDescription compact(List<ExportDescription> chain, String format,
      long sortMemoryBytes) {
    return compactManifests(chain.stream().map(CompactIT::manifest).toList(), format,
        sortMemoryBytes);
  }

  private static ExportDescription compactManifests(List<ManifestLocation> chain, String format) {
    return compactManifests(chain, format, 1024);
  }

  private static ExportDescription compactManifests(List<ManifestLocation> chain, String format,
      long sortMemoryBytes) {
    var settings = new CompactService.Settings(workDirectory, sortMemoryBytes, PIPELINE);
    return new CompactService(local.s3(), settings, Clock.systemUTC())
        .compact(chain, new CompactService.Target(OUT, "compact", format, null));
  }

  private static void assertRefused(ExportDescription description, String code, String part) {
    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertEquals(code, description.failureCode(), description.failureMessage());
    assertTrue(description.failureMessage().contains(part), description.failureMessage());
    assertNull(description.exportManifest());
  }

  /** The runner's full export of the table at the end of a phase, made once. */
  private static ExportDescription full(ExportFormat format, int phase) {
    return exports.computeIfAbsent("full " + format + " " + phase,
        name -> exported(fullOf(table, format, phaseEnds.get(phase))));
  }

  private static ExportRequest fullOf(String table, ExportFormat format, Instant time) {
    return new ExportRequest(TestTables.arn(table), BUCKET, "chain", null, null, null, format,
        ExportType.FULL_EXPORT, time, null, null, null);
  }

  /** The runner's incremental export of the phases after {@code from} up to {@code to}. */
  private static ExportDescription link(ExportFormat format, int from, int to, String view) {
    return exports.computeIfAbsent(
        "link " + format + " " + from + " " + to + " " + view,
        name -> exported(new ExportRequest(TestTables.arn(table), BUCKET, "chain", null, null,
            null, format, ExportType.INCREMENTAL_EXPORT, null,
            new IncrementalExportSpecification(phaseEnds.get(from), phaseEnds.get(to), view),
            null, null)));
  }

  private static ExportDescription exported(ExportRequest request) {
    var planner = new PitrExportPlanner(local.s3(),
        new PitrExportPlanner.Settings(STORE, Duration.ZERO, workDirectory, 1 << 20));
    var description = new ExportService(local.dynamo(), local.s3(), planner, PIPELINE,
        Clock.systemUTC()).export(request);
    assertEquals(ExportDescription.COMPLETED, description.exportStatus(),
        description.failureMessage());
    return description;
  }

  private static ManifestLocation manifest(ExportDescription export) {
    return new ManifestLocation(BUCKET, export.exportManifest());
  }

  private static String uri(ExportDescription export) {
    return manifest(export).toString();
  }

  /** A copy of the JSON full export at phase 0 under another prefix, with all its objects. */
  private static ManifestLocation copyOfFullExport(String prefix) {
    var original = full(ExportFormat.DYNAMODB_JSON, 0).exportManifest();
    var directory = original.replace("manifest-summary.json", "");
    var copiedDirectory = directory.replaceFirst("^chain/", prefix + "/");
    for (var object : local.s3().listObjectsV2Paginator(list -> list.bucket(BUCKET)
        .prefix(directory)).contents()) {
      local.s3().copyObject(copy -> copy.sourceBucket(BUCKET).sourceKey(object.key())
          .destinationBucket(BUCKET)
          .destinationKey(copiedDirectory + object.key().substring(directory.length())));
    }
    assertFalse(copiedDirectory.equals(directory));
    return new ManifestLocation(BUCKET, copiedDirectory + "manifest-summary.json");
  }

  /** The data files of an export where they are stored now (its manifest names the old keys). */
  private static List<String> dataFilesOf(ManifestLocation manifest) {
    var directory = manifest.key().replace("manifest-summary.json", "data/");
    return local.s3().listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix(directory))
        .contents().stream().map(object -> object.key()).sorted().toList();
  }

  private static byte[] get(String key) {
    return local.s3().getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asByteArray();
  }

  private static RunnerProcess.Result runner(String... arguments) throws Exception {
    return RunnerProcess.run(List.of(), List.of(arguments), local.runnerEnvironment(), TIMEOUT);
  }

  private static String key(int index) {
    return String.format("k%02d", index);
  }
}
