package dev.tableexport.operator.continuousbackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.contract.BackupStatus;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.RestorableWindowHole;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a published backup status becomes the ContinuousBackup's status. */
class ContinuousBackupReconcilerTest {

  private static final Instant NOW = Instant.parse("2026-01-14T12:00:00Z");
  private final ContinuousBackupReconciler reconciler = new ContinuousBackupReconciler(
      new RecorderDeploymentBuilder(OperatorConfig.fromEnvironment(Map.of())), null, null,
      Duration.ofMinutes(1), new OperatorMetrics(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void noPublishedWindowIsDisabledAndNotReady() {
    var status = reconciler.next(backup(), "orders-recorder", null, null);

    assertEquals(PointInTimeRecoveryStatus.DISABLED, status.getPointInTimeRecoveryStatus());
    assertNull(status.getEarliestRestorableDateTime());
    assertEquals("False", condition(status, "Ready"));
  }

  @Test
  void aRecorderThatCannotStartIsDegradedBeforeItsFirstWindow() {
    var stuck = "pod orders-recorder-7d9 cannot start: ImagePullBackOff (Back-off pulling image)";

    var status = reconciler.next(backup(), "orders-recorder", null, stuck);

    assertEquals(PointInTimeRecoveryStatus.DISABLED, status.getPointInTimeRecoveryStatus());
    assertEquals("False", condition(status, "Ready"));
    assertEquals("True", condition(status, "Degraded"));
    var degraded = status.getConditions().stream().filter(c -> c.getType().equals("Degraded")).findFirst().orElseThrow();
    assertEquals("RecorderCannotStart", degraded.getReason());
    assertEquals("The recorder's " + stuck + ". Check the runner image, the credentials Secret and the"
        + " recorder's logs", degraded.getMessage());
  }

  @Test
  void aRecorderThatKeepsUpIsReadyAndNotDegraded() {
    var status = reconciler.next(backup(), "orders-recorder", published(NOW.minusSeconds(5), 300), null);

    assertEquals(PointInTimeRecoveryStatus.ENABLED, status.getPointInTimeRecoveryStatus());
    assertEquals("2026-01-14T10:00:00Z", status.getEarliestRestorableDateTime());
    assertEquals("2026-01-14T11:59:55Z", status.getLatestRestorableDateTime());
    assertEquals("True", condition(status, "Ready"));
    assertEquals("False", condition(status, "Degraded"));
    assertEquals("orders-recorder", status.getDeploymentName());
  }

  @Test
  void aStaleHeartbeatOrALargeLagIsDegraded() {
    assertEquals("True", condition(reconciler.next(backup(), "r", published(NOW.minusSeconds(600), 0), null), "Degraded"));
    assertEquals("True", condition(reconciler.next(backup(), "r", published(NOW, 300_000), null), "Degraded"));
  }

  @Test
  void holesAreListedAndARecentOneIsDegraded() {
    var hole = new BackupHole(NOW.minusSeconds(1_800), NOW.minusSeconds(1_500));

    var status = reconciler.next(backup(), "r", published(NOW.minusSeconds(5), 300, List.of(hole)), null);

    assertEquals(List.of(new RestorableWindowHole("2026-01-14T11:30:00Z", "2026-01-14T11:35:00Z")), status.getHoles());
    assertEquals("True", condition(status, "Ready"));
    var degraded = status.getConditions().stream().filter(c -> c.getType().equals("Degraded")).findFirst().orElseThrow();
    assertEquals("True", degraded.getStatus());
    assertEquals("HoleInWindow", degraded.getReason());
    assertTrue(degraded.getMessage().contains("No time from 2026-01-14T11:30:00Z to 2026-01-14T11:35:00Z"),
        degraded.getMessage());
  }

  @Test
  void aHoleThatEndedLongAgoIsListedButNoLongerDegraded() {
    var hole = new BackupHole(NOW.minusSeconds(7_300), NOW.minusSeconds(7_200));

    var status = reconciler.next(backup(), "r", published(NOW.minusSeconds(5), 300, List.of(hole)), null);

    assertEquals(1, status.getHoles().size());
    assertEquals("False", condition(status, "Degraded"));
  }

  @Test
  void theMovingLatestTimeAloneIsWrittenAtMostOnceAMinute() {
    var backup = backup();
    backup.setStatus(reconciler.next(backup, "r", published(NOW.minusSeconds(5), 300), null));

    var fiveSecondsLater = at(NOW.plusSeconds(5));
    var moved = fiveSecondsLater.next(backup, "r", publishedAt(NOW, NOW, 900), null);
    assertTrue(ContinuousBackupReconciler.patchWhenChanged(backup, moved, Duration.ofSeconds(5)).isNoUpdate(),
        "5 s of window and a new lag are not worth a write");

    var aMinuteLater = at(NOW.plusSeconds(61));
    var movedMore = aMinuteLater.next(backup, "r", publishedAt(NOW.plusSeconds(56), NOW.plusSeconds(56), 900), null);
    assertTrue(ContinuousBackupReconciler.patchWhenChanged(backup, movedMore, Duration.ofSeconds(5)).isPatchStatus(),
        "a minute of window is written");
  }

  @Test
  void aRealChangeIsWrittenAtOnce() {
    var backup = backup();
    backup.setStatus(reconciler.next(backup, "r", published(NOW.minusSeconds(5), 300), null));

    var behind = at(NOW.plusSeconds(5)).next(backup, "r", publishedAt(NOW, NOW.minusSeconds(600), 900_000), null);

    assertEquals("True", condition(behind, "Degraded"));
    assertTrue(ContinuousBackupReconciler.patchWhenChanged(backup, behind, Duration.ofSeconds(5)).isPatchStatus());
    var again = at(NOW.plusSeconds(10)).next(backup, "r", publishedAt(NOW.plusSeconds(5),
        NOW.minusSeconds(600), 905_000), null);
    assertTrue(ContinuousBackupReconciler.patchWhenChanged(backup, again, Duration.ofSeconds(5)).isNoUpdate(),
        "a recorder that stays behind does not change the status every reconcile");
  }

  private static ContinuousBackupReconciler at(Instant now) {
    return new ContinuousBackupReconciler(
        new RecorderDeploymentBuilder(OperatorConfig.fromEnvironment(Map.of())), null, null,
        Duration.ofMinutes(1), new OperatorMetrics(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static BackupStatus publishedAt(Instant latest, Instant heartbeat, long lagMillis) {
    return new BackupStatus("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "id", "stream", 35,
        Instant.parse("2026-01-14T10:00:00Z"), latest, heartbeat, lagMillis, List.of());
  }

  private static BackupStatus published(Instant heartbeat, long lagMillis) {
    return published(heartbeat, lagMillis, List.of());
  }

  private static BackupStatus published(Instant heartbeat, long lagMillis, List<BackupHole> holes) {
    return new BackupStatus("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "id", "stream", 35,
        Instant.parse("2026-01-14T10:00:00Z"), NOW.minusSeconds(5), heartbeat, lagMillis, holes);
  }

  private static ContinuousBackup backup() {
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("data").withGeneration(1L).build());
    return backup;
  }

  private static String condition(ContinuousBackupStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
        .map(c -> c.getStatus()).orElse("absent");
  }
}
