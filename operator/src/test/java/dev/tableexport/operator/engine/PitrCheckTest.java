package dev.tableexport.operator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.RestorableWindowHole;
import dev.tableexport.operator.api.TableExportSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitrCheckTest {

  private static final String ORDERS = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final String USERS = "arn:aws:dynamodb:eu-west-1:123456789012:table/users";
  private static final String EARLIEST = "2026-01-14T10:00:00Z";
  private static final String LATEST = "2026-01-14T12:00:00Z";
  private static final String WINDOW = "[" + EARLIEST + ", " + LATEST + "]";

  @Test
  void backupForPicksTheBackupOfTheSameTable() {
    var users = backup("users", USERS);
    var orders = backup("orders", ORDERS);

    assertSame(
        orders, PitrCheck.backupFor(full(ORDERS, null), List.of(users, orders)).orElseThrow());
    assertSame(users, PitrCheck.backupFor(full(USERS, null), List.of(users, orders)).orElseThrow());
  }

  @Test
  void backupForFindsNothingWithoutABackupOfTheTable() {
    assertEquals(
        Optional.empty(), PitrCheck.backupFor(full(ORDERS, null), List.of(backup("users", USERS))));
    assertEquals(Optional.empty(), PitrCheck.backupFor(full(ORDERS, null), List.of()));
  }

  @Test
  void backupForFindsNothingForAnExportWithoutATableArn() {
    var spec = full(null, null);

    assertEquals(Optional.empty(), PitrCheck.backupFor(spec, List.of(backup("users", USERS))));
  }

  @Test
  void backupForSkipsABackupWithoutSpec() {
    var broken = backup("broken", ORDERS);
    broken.setSpec(null);
    var orders = backup("orders", ORDERS);

    assertSame(
        orders, PitrCheck.backupFor(full(ORDERS, null), List.of(broken, orders)).orElseThrow());
  }

  @Test
  void aTableWithoutAContinuousBackupHasNoPointInTimeRecovery() {
    var failure = PitrCheck.check(full(ORDERS, null), Optional.empty()).orElseThrow();

    assertEquals("PointInTimeRecoveryUnavailableException", failure.code());
    assertTrue(failure.message().contains("ContinuousBackup"), failure.message());
    assertTrue(failure.message().contains("table orders"), failure.message());
    assertTrue(failure.message().contains(ORDERS), failure.message());
  }

  @Test
  void aContinuousBackupWithoutStatusHasNoPointInTimeRecovery() {
    var backup = backup("orders-pitr", ORDERS);
    backup.setStatus(null);

    assertUnavailable(PitrCheck.check(full(ORDERS, null), Optional.of(backup)));
  }

  @Test
  void aDisabledContinuousBackupHasNoPointInTimeRecovery() {
    var backup = backup("orders-pitr", ORDERS);
    backup.getStatus().setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);

    assertUnavailable(PitrCheck.check(full(ORDERS, null), Optional.of(backup)));
  }

  @Test
  void aContinuousBackupWithoutAWindowHasNoPointInTimeRecovery() {
    var noEarliest = backup("orders-pitr", ORDERS);
    noEarliest.getStatus().setEarliestRestorableDateTime(null);
    var noLatest = backup("orders-pitr", ORDERS);
    noLatest.getStatus().setLatestRestorableDateTime(null);
    var noStatus = backup("orders-pitr", ORDERS);
    noStatus.getStatus().setPointInTimeRecoveryStatus(null);

    assertUnavailable(PitrCheck.check(full(ORDERS, null), Optional.of(noEarliest)));
    assertUnavailable(PitrCheck.check(full(ORDERS, null), Optional.of(noLatest)));
    assertUnavailable(PitrCheck.check(full(ORDERS, null), Optional.of(noStatus)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2026-01-14T09:59:59.999Z", "2026-01-14T12:00:00.001Z", "2026-01-15T11:00:00Z"})
  void anExportTimeOutsideTheWindowIsInvalid(String exportTime) {
    var failure =
        PitrCheck.check(full(ORDERS, exportTime), Optional.of(backup("orders", ORDERS)))
            .orElseThrow();

    assertEquals("InvalidExportTimeException", failure.code());
    assertTrue(failure.message().contains("exportTime " + exportTime), failure.message());
    assertTrue(failure.message().contains(WINDOW), failure.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {EARLIEST, "2026-01-14T11:00:00Z", LATEST})
  void anExportTimeInsideTheWindowIsValid(String exportTime) {
    assertEquals(
        Optional.empty(),
        PitrCheck.check(full(ORDERS, exportTime), Optional.of(backup("orders", ORDERS))));
  }

  @Test
  void anExportWithoutExportTimeIsValid() {
    assertEquals(
        Optional.empty(),
        PitrCheck.check(full(ORDERS, null), Optional.of(backup("orders", ORDERS))));
  }

  @Test
  void timesWithOffsetsAreComparedAsInstants() {
    var backup = Optional.of(backup("orders", ORDERS));

    var beforeEarliest = PitrCheck.check(full(ORDERS, "2026-01-14T11:30:00+02:00"), backup);
    var inside = PitrCheck.check(full(ORDERS, "2026-01-14T09:30:00-01:00"), backup);
    var afterLatest = PitrCheck.check(full(ORDERS, "2026-01-14T11:30:00-01:00"), backup);

    assertEquals("InvalidExportTimeException", beforeEarliest.orElseThrow().code());
    assertEquals(Optional.empty(), inside);
    assertEquals("InvalidExportTimeException", afterLatest.orElseThrow().code());
  }

  @Test
  void aWindowWithOffsetsIsComparedAsInstants() {
    var backup = backup("orders", ORDERS);
    backup.getStatus().setEarliestRestorableDateTime("2026-01-14T11:00:00+01:00");
    backup.getStatus().setLatestRestorableDateTime("2026-01-14T07:00:00-05:00");

    assertEquals(
        Optional.empty(),
        PitrCheck.check(full(ORDERS, "2026-01-14T11:00:00Z"), Optional.of(backup)));
    assertEquals(
        "InvalidExportTimeException",
        PitrCheck.check(full(ORDERS, "2026-01-14T09:59:59Z"), Optional.of(backup))
            .orElseThrow()
            .code());
  }

  @Test
  void anIncrementalWindowInsideIsValid() {
    var backup = Optional.of(backup("orders", ORDERS));

    assertEquals(Optional.empty(), PitrCheck.check(incremental(EARLIEST, LATEST), backup));
    assertEquals(
        Optional.empty(),
        PitrCheck.check(incremental("2026-01-14T10:30:00Z", "2026-01-14T11:30:00Z"), backup));
    assertEquals(
        Optional.empty(), PitrCheck.check(incremental("2026-01-14T11:30:00Z", null), backup));
  }

  @Test
  void anIncrementalExportFromBeforeTheWindowIsInvalid() {
    var failure =
        PitrCheck.check(
                incremental("2026-01-14T09:00:00Z", "2026-01-14T11:00:00Z"),
                Optional.of(backup("orders", ORDERS)))
            .orElseThrow();

    assertEquals("InvalidExportTimeException", failure.code());
    assertTrue(
        failure.message().contains("exportFromTime 2026-01-14T09:00:00Z"), failure.message());
    assertTrue(failure.message().contains(WINDOW), failure.message());
  }

  @Test
  void anIncrementalExportFromAfterTheWindowIsInvalid() {
    var failure =
        PitrCheck.check(
                incremental("2026-01-14T12:30:00Z", null), Optional.of(backup("orders", ORDERS)))
            .orElseThrow();

    assertEquals("InvalidExportTimeException", failure.code());
    assertTrue(
        failure.message().contains("exportFromTime 2026-01-14T12:30:00Z"), failure.message());
  }

  @Test
  void anIncrementalExportToAfterTheWindowIsInvalid() {
    var failure =
        PitrCheck.check(
                incremental("2026-01-14T11:00:00Z", "2026-01-14T12:00:01Z"),
                Optional.of(backup("orders", ORDERS)))
            .orElseThrow();

    assertEquals("InvalidExportTimeException", failure.code());
    assertTrue(failure.message().contains("exportToTime 2026-01-14T12:00:01Z"), failure.message());
    assertTrue(failure.message().contains(WINDOW), failure.message());
  }

  @Test
  void anIncrementalWindowWithOffsetsIsComparedAsInstants() {
    var backup = Optional.of(backup("orders", ORDERS));

    assertEquals(
        Optional.empty(),
        PitrCheck.check(
            incremental("2026-01-14T12:00:00+02:00", "2026-01-14T13:00:00+01:00"), backup));
    assertEquals(
        "InvalidExportTimeException",
        PitrCheck.check(incremental("2026-01-14T10:30:00Z", "2026-01-14T11:30:00-01:00"), backup)
            .orElseThrow()
            .code());
  }

  @Test
  void anExportTimeInsideAHoleIsAnInvalidExportTimeNamingTheHole() {
    var failure = PitrCheck.check(full(ORDERS, "2026-01-14T11:00:30Z"), Optional.of(backupWithAHole()))
        .orElseThrow();

    assertEquals("InvalidExportTimeException", failure.code());
    assertTrue(failure.message().contains("the hole (2026-01-14T11:00:00Z, 2026-01-14T11:02:00Z)"),
        failure.message());
    assertTrue(failure.message().contains("orders-pitr"), failure.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-14T11:00:00Z", "2026-01-14T11:02:00Z", "2026-01-14T10:30:00Z"})
  void anExportTimeAtAHolesEndsOrOutsideItIsRestorable(String time) {
    assertEquals(Optional.empty(), PitrCheck.check(full(ORDERS, time), Optional.of(backupWithAHole())));
  }

  @Test
  void anIncrementalWindowOverlappingAHoleIsAnInvalidExportTime() {
    var failure = PitrCheck.check(incremental("2026-01-14T10:30:00Z", "2026-01-14T11:30:00Z"),
        Optional.of(backupWithAHole())).orElseThrow();

    assertEquals("InvalidExportTimeException", failure.code());
    assertTrue(failure.message().contains("overlaps the hole"), failure.message());
  }

  @Test
  void anIncrementalWindowWithoutAnEndOverlapsAHoleBeforeTheLatestTime() {
    var failure = PitrCheck.check(incremental("2026-01-14T10:30:00Z", null), Optional.of(backupWithAHole()));

    assertEquals("InvalidExportTimeException", failure.orElseThrow().code());
  }

  @Test
  void anIncrementalWindowAfterAHoleIsRestorable() {
    assertEquals(Optional.empty(), PitrCheck.check(incremental("2026-01-14T11:02:00Z", "2026-01-14T11:30:00Z"),
        Optional.of(backupWithAHole())));
  }

  private static ContinuousBackup backupWithAHole() {
    var backup = backup("orders-pitr", ORDERS);
    backup.getStatus().setHoles(List.of(new RestorableWindowHole("2026-01-14T11:00:00Z", "2026-01-14T11:02:00Z")));
    return backup;
  }

  private static void assertUnavailable(Optional<ExportFailure> result) {
    var failure = result.orElseThrow();
    assertEquals("PointInTimeRecoveryUnavailableException", failure.code());
    assertTrue(failure.message().contains("orders-pitr"), failure.message());
    assertTrue(failure.message().contains("ENABLED"), failure.message());
  }

  private static TableExportSpec full(String tableArn, String exportTime) {
    var spec = new TableExportSpec();
    spec.setTableArn(tableArn);
    spec.setS3Bucket("exports");
    spec.setExportType(ExportType.FULL_EXPORT);
    spec.setExportTime(exportTime);
    return spec;
  }

  private static TableExportSpec incremental(String from, String to) {
    var window = new IncrementalExportSpecification();
    window.setExportFromTime(from);
    window.setExportToTime(to);
    var spec = full(ORDERS, null);
    spec.setExportType(ExportType.INCREMENTAL_EXPORT);
    spec.setIncrementalExportSpecification(window);
    return spec;
  }

  private static ContinuousBackup backup(String name, String tableArn) {
    var store = new BackupStore();
    store.setBucket("backups");
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(tableArn);
    spec.setStore(store);
    var status = new ContinuousBackupStatus();
    status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED);
    status.setEarliestRestorableDateTime(EARLIEST);
    status.setLatestRestorableDateTime(LATEST);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("data").build());
    backup.setSpec(spec);
    backup.setStatus(status);
    return backup;
  }
}
