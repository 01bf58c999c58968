package dev.tableexport.operator.continuousbackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a published backup status becomes the ContinuousBackup's status. */
class ContinuousBackupReconcilerTest {

  private static final Instant NOW = Instant.parse("2026-01-14T12:00:00Z");
  private final ContinuousBackupReconciler reconciler = new ContinuousBackupReconciler(
      new RecorderDeploymentBuilder(OperatorConfig.fromEnvironment(Map.of())), null,
      new OperatorMetrics(), Clock.fixed(NOW, ZoneOffset.UTC));

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

  private static BackupStatus published(Instant heartbeat, long lagMillis) {
    return new BackupStatus("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "id", "stream", 35,
        Instant.parse("2026-01-14T10:00:00Z"), NOW.minusSeconds(5), heartbeat, lagMillis);
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
