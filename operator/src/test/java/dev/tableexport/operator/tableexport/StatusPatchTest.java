package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusPatchTest {

  private static final Instant NOW = Instant.parse("2026-01-14T10:20:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void aFreshObjectHoldsOnlyNameNamespaceAndStatus() {
    var export = export();
    export.setStatus(new TableExportStatus());
    export.getStatus().setExportStatus(ExportStatus.PENDING);

    var patch = StatusPatch.of(export).getResource().orElseThrow();

    assertEquals("orders", patch.getMetadata().getName());
    assertEquals("data", patch.getMetadata().getNamespace());
    assertNull(patch.getMetadata().getResourceVersion());
    assertNull(patch.getMetadata().getUid());
    assertNull(patch.getSpec());
    assertEquals("tableexport.dev/v1alpha1", patch.getApiVersion());
    assertEquals(ExportStatus.PENDING, patch.getStatus().getExportStatus());
  }

  @Test
  void anOperatorSideErrorBecomesAConditionRetriedWithBackoff() {
    var export = export();

    var control = StatusPatch.error(export, TableExportStatus::new, Optional.of(retry(2, false)),
        new IllegalStateException("DescribeTable: Unable to execute HTTP request"), CLOCK);

    var condition = control.getResource().orElseThrow().getStatus().getConditions().getFirst();
    assertEquals(Conditions.RECONCILE_ERROR, condition.getType());
    assertEquals("True", condition.getStatus());
    assertEquals("IllegalStateException", condition.getReason());
    assertEquals("DescribeTable: Unable to execute HTTP request (attempt 2; retried with backoff;"
        + " see the operator's log)", condition.getMessage());
    assertTrue(control.getScheduleDelay().isEmpty(), "JOSDK's retry decides when");
  }

  @Test
  void aReconcileInterruptedBecauseTheOperatorStopsWritesNothing() {
    var stopping = new KubernetesClientException("patch failed", new InterruptedIOException());

    var control = StatusPatch.error(export(), TableExportStatus::new, Optional.of(retry(1, false)),
        stopping, CLOCK);

    assertTrue(control.getResource().isEmpty(), "no status is written");
  }

  @Test
  void afterTheLastRetryItIsLookedAtAgainEveryFewMinutes() {
    var control = StatusPatch.error(export(), TableExportStatus::new, Optional.of(retry(5, true)),
        new RuntimeException("x".repeat(5_000)), CLOCK);

    assertEquals(Optional.of(StatusPatch.ERROR_RECHECK.toMillis()), control.getScheduleDelay());
    var message = control.getResource().orElseThrow().getStatus().getConditions().getFirst().getMessage();
    assertTrue(message.length() < 1_200, "the message is cut: " + message.length());
    assertTrue(message.endsWith("retried every 5 minutes; see the operator's log)"), message);
  }

  @Test
  void theNextGoodReconcileRemovesTheError() {
    var export = export();
    StatusPatch.error(export, TableExportStatus::new, Optional.empty(), new RuntimeException("down"), CLOCK);

    var control = StatusPatch.clearingError(export,
        UpdateControl.<TableExport>noUpdate().rescheduleAfter(Duration.ofSeconds(15)));

    assertTrue(control.isPatchStatus(), "an update that would write nothing still drops the error");
    assertEquals(Optional.of(15_000L), control.getScheduleDelay());
    assertTrue(control.getResource().orElseThrow().getStatus().getConditions().isEmpty());
    var untouched = UpdateControl.<TableExport>noUpdate();
    assertTrue(StatusPatch.clearingError(export(), untouched).isNoUpdate(), "no error, nothing to write");
  }

  private static TableExport export() {
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("data")
        .withResourceVersion("42").withUid("0f3c2a1b-0000-4000-8000-000000000000").withGeneration(1L)
        .build());
    return export;
  }

  private static RetryInfo retry(int attempt, boolean last) {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return attempt;
      }

      @Override
      public boolean isLastAttempt() {
        return last;
      }
    };
  }
}
