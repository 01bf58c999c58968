package dev.tableexport.runner.pitr;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TableHistory;
import dev.tableexport.runner.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A scripted history of writes, recorded by the real recorder from DynamoDB Local's stream into
 * S3Proxy, then exported at several times and over several windows: every export equals what the
 * script says the table held or changed.
 */
class PointInTimeRecoveryIT {

  private static final String TABLE = "history";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "pitr");
  private static final ExportPipeline.Settings PIPELINE = new ExportPipeline.Settings(2, 2, 2, 16 * 1024);

  private static LocalEnvironment local;
  private static LocalRecorder recorder;
  private static BackupStore store;
  private static TableHistory history;
  private static final List<Instant> phaseEnds = new ArrayList<>();
  private static Path workDirectory;

  @BeforeAll
  static void recordAScriptedHistory() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    workDirectory = Files.createTempDirectory("pitr-it-");
    TestTables.createHashOnly(local.dynamo(), TABLE, ScalarAttributeType.S, 0);
    history = new TableHistory(local.dynamo(), TABLE);
    for (int i = 0; i < 30; i++) {
      history.put(TableHistory.item(key(i), 1, "initial " + i));
    }
    history.endPhase();

    recorder = new LocalRecorder(local, TABLE, STORE);
    store = recorder.store();
    phaseEnds.add(settle());

    history.updateNote(key(0), "changed in phase 1");
    history.updateNote(key(1), "initial 1"); // changes nothing
    history.delete(key(2));
    history.put(TableHistory.item("new-30", 1, "created in phase 1"));
    history.put(TableHistory.item("new-31", 1, "created and deleted in phase 1"));
    history.delete("new-31");
    history.updateNote(key(3), "briefly different");
    history.updateNote(key(3), "initial 3"); // back as it was: still a change in the window
    history.put(TableHistory.item(key(4), 1, "initial 4")); // the same item again
    history.endPhase();
    phaseEnds.add(settle());

    history.delete("new-30");
    history.put(TableHistory.item(key(2), 2, "re-created in phase 2"));
    history.updateNote(key(0), "changed again in phase 2");
    history.updateNote(key(5), "changed in phase 2");
    history.endPhase();
    phaseEnds.add(settle());

    history.delete(key(5));
    history.put(TableHistory.item("new-32", 1, "created in phase 3"));
    history.updateNote("new-32", "updated in phase 3");
    history.updateNote(key(6), "initial 6"); // changes nothing
    history.endPhase();
    phaseEnds.add(settle());
  }

  @AfterAll
  static void stopRecorder() throws Exception {
    if (recorder != null) {
      recorder.close();
    }
    local.close();
  }

  static Stream<Arguments> phasesAndFormats() {
    return Stream.of(0, 1, 2, 3).flatMap(phase ->
        Stream.of(ExportFormat.values()).map(format -> Arguments.of(phase, format)));
  }

  @ParameterizedTest(name = "end of phase {0} as {1}")
  @MethodSource("phasesAndFormats")
  void fullExportAtATimeHoldsTheTableAsItWasThen(int phase, ExportFormat format) {
    var description = export(full(format, phaseEnds.get(phase)));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals(phaseEnds.get(phase), description.exportTime());
    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    assertEquals(CanonicalItems.multiset(history.itemsAt(phase)), CanonicalItems.multiset(stored.items()));
    assertEquals(history.itemsAt(phase).size(), description.itemCount());
  }

  @Test
  void fullExportWithoutATimeIsAtTheLatestRestorableTime() {
    var description = export(full(ExportFormat.DYNAMODB_JSON, null));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertTrue(!description.exportTime().isBefore(phaseEnds.get(3)), description.exportTime().toString());
    var stored = new StoredExport(local.s3(), BUCKET, description);
    assertEquals(CanonicalItems.multiset(history.itemsAt(3)), CanonicalItems.multiset(stored.items()));
  }

  static Stream<Arguments> windows() {
    var windows = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {0, 3});
    return windows.stream().flatMap(window -> Stream.of(ExportFormat.values()).flatMap(format ->
        Stream.of("NEW_AND_OLD_IMAGES", "NEW_IMAGE").map(view ->
            Arguments.of(window[0], window[1], format, view))));
  }

  @ParameterizedTest(name = "phases {0}..{1} as {2} {3}")
  @MethodSource("windows")
  void incrementalExportHoldsOneCompactedRecordPerItemChanged(int from, int to, ExportFormat format, String view) {
    var description = export(incremental(format, phaseEnds.get(from), phaseEnds.get(to), view));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals("INCREMENTAL_EXPORT", description.exportType());
    assertTrue(description.billedSizeBytes() >= 10_000_000, "billed at least 10 MB");
    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    assertEquals(view, stored.summary().get("outputView").asText());
    var changes = stored.changes();
    assertEquals(canonical(history.changesBetween(from, to, view.equals("NEW_IMAGE"))), canonical(changes));
    long fromMicros = MicrosClock.toMicros(phaseEnds.get(from));
    long toMicros = MicrosClock.toMicros(phaseEnds.get(to));
    for (var change : changes) {
      assertTrue(change.writeTimestampMicros() >= fromMicros && change.writeTimestampMicros() < toMicros,
          "WriteTimestampMicros inside the window: " + change);
    }
  }

  @Test
  void contiguousIncrementalExportsAppliedToAFullExportGiveTheLaterFullExport() {
    var state = new HashMap<String, Map<String, AttributeValue>>();
    for (var item : new StoredExport(local.s3(), BUCKET, export(full(ExportFormat.ION, phaseEnds.get(0)))).items()) {
      state.put(item.get("id").s(), item);
    }
    for (int phase = 1; phase <= 3; phase++) {
      var description = export(incremental(ExportFormat.ION, phaseEnds.get(phase - 1), phaseEnds.get(phase),
          "NEW_AND_OLD_IMAGES"));
      for (var change : new StoredExport(local.s3(), BUCKET, description).changes()) {
        if (change.newImage() == null) {
          state.remove(change.keys().get("id").s());
        } else {
          state.put(change.keys().get("id").s(), change.newImage());
        }
      }
    }

    var later = new StoredExport(local.s3(), BUCKET, export(full(ExportFormat.ION, phaseEnds.get(3)))).items();
    assertEquals(CanonicalItems.multiset(later), CanonicalItems.multiset(List.copyOf(state.values())));
  }

  @Test
  void describeContinuousBackupsShowsTheWindow() {
    var json = ContinuousBackupsDescription.toJson(store.readStatus());

    assertTrue(json.contains("\"PointInTimeRecoveryStatus\" : \"ENABLED\""), json);
    assertTrue(json.contains("\"RecoveryPeriodInDays\" : 35"), json);
    assertTrue(json.contains("\"EarliestRestorableDateTime\""), json);
    assertTrue(json.contains("\"LatestRestorableDateTime\""), json);
    assertTrue(ContinuousBackupsDescription.toJson(Optional.empty())
        .contains("\"PointInTimeRecoveryStatus\" : \"DISABLED\""));
  }

  @Test
  void timeBeforeTheWindowIsAnInvalidExportTime() {
    var earliest = store.readStatus().orElseThrow().earliestRestorableDateTime();
    var description = export(full(ExportFormat.DYNAMODB_JSON, earliest.minusSeconds(60)));

    assertFailed(description, "InvalidExportTimeException", "outside the restorable window [");
  }

  @Test
  void timeInTheFutureIsAnInvalidExportTime() {
    var description = export(full(ExportFormat.DYNAMODB_JSON, Instant.now().plusSeconds(3600)));

    assertFailed(description, "InvalidExportTimeException", "in the future");
  }

  @Test
  void incrementalWindowOutsideTheRestorableWindowIsAnInvalidExportTime() {
    var earliest = store.readStatus().orElseThrow().earliestRestorableDateTime();
    var description = export(incremental(ExportFormat.DYNAMODB_JSON, earliest.minusSeconds(120),
        phaseEnds.get(1), "NEW_IMAGE"));

    assertFailed(description, "InvalidExportTimeException", "outside the restorable window");
  }

  @Test
  void incrementalWindowShorterThanTheMinimumIsAValidationError() {
    var service = service(Duration.ofMinutes(15));
    var description = service.export(incremental(ExportFormat.DYNAMODB_JSON, phaseEnds.get(0), phaseEnds.get(1),
        "NEW_IMAGE"));

    assertFailed(description, "ValidationException", "--min-incremental-window");
  }

  @Test
  void incrementalWindowLongerThan24HoursIsAValidationError() {
    var to = phaseEnds.get(3);
    var description = export(incremental(ExportFormat.DYNAMODB_JSON, to.minus(25, ChronoUnit.HOURS), to, "NEW_IMAGE"));

    assertFailed(description, "ValidationException", "24 hours");
  }

  @Test
  void tableWithoutARecorderHasNoPointInTimeRecovery() {
    TestTables.createHashOnly(local.dynamo(), "unrecorded", ScalarAttributeType.S, 3);
    var request = new ExportRequest(TestTables.arn("unrecorded"), BUCKET, null, null, null, null,
        ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, null, null, null, null);

    var description = export(request);

    assertFailed(description, "PointInTimeRecoveryUnavailableException", "export-runner record");
  }

  private static ExportDescription export(ExportRequest request) {
    return service(Duration.ZERO).export(request);
  }

  /** Merges spill to disk after 1 KiB, so that the external sort really merges runs. */
  private static ExportService service(Duration minIncrementalWindow) {
    var planner = new PitrExportPlanner(local.s3(),
        new PitrExportPlanner.Settings(STORE, minIncrementalWindow, workDirectory, 1024));
    return new ExportService(local.dynamo(), local.s3(), planner, PIPELINE, Clock.systemUTC());
  }

  private static ExportRequest full(ExportFormat format, Instant exportTime) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, "pitr", null, null, null, format,
        ExportType.FULL_EXPORT, exportTime, null, null, null);
  }

  private static ExportRequest incremental(ExportFormat format, Instant from, Instant to, String view) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, "pitr", null, null, null, format,
        ExportType.INCREMENTAL_EXPORT, null, new IncrementalExportSpecification(from, to, view), null, null);
  }

  private static Map<String, String> canonical(Map<String, List<Map<String, AttributeValue>>> expected) {
    var texts = new TreeMap<String, String>();
    expected.forEach((key, images) -> texts.put(key, text(images.get(0)) + " -> " + text(images.get(1))));
    return texts;
  }

  private static Map<String, String> canonical(List<StoredExport.Change> changes) {
    var texts = new TreeMap<String, String>();
    for (var change : changes) {
      var previous = texts.put(change.keys().get("id").s(), text(change.oldImage()) + " -> " + text(change.newImage()));
      assertEquals(null, previous, "one record per item: " + change.keys());
    }
    return texts;
  }

  private static String text(Map<String, AttributeValue> image) {
    return image == null ? "none" : CanonicalItems.text(image);
  }

  private static void assertFailed(ExportDescription description, String code, String messagePart) {
    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertEquals(code, description.failureCode(), description.failureMessage());
    assertTrue(description.failureMessage().contains(messagePart), description.failureMessage());
  }

  /** A restorable time after every write so far. */
  private static Instant settle() throws InterruptedException {
    return recorder.settledTime();
  }

  private static String key(int index) {
    return String.format("k%02d", index);
  }
}
