package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the operator writes status, against the real API server's rules: server-side apply of a
 * fresh object after the cached one went stale, reasons from any failure code, conditions merged
 * by type, and events recorded once per transition.
 */
class StatusOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();
  private static final Instant NOW = Instant.parse("2026-01-14T10:20:00Z");
  private static String namespace;

  @BeforeAll
  static void installCrds() throws IOException {
    Crds.apply(CLUSTER.admin());
    namespace = CLUSTER.restrictedNamespace("status");
  }

  @Test
  void aFreshObjectIsAppliedWhereTheStaleCachedOneGets409() {
    var stale = create("stale-cache");
    var moved = CLUSTER.admin().resource(stale).get();
    moved.setStatus(status(ExportStatus.PENDING, "Running", "Running"));
    CLUSTER.admin().resource(moved).updateStatus();
    stale.setStatus(status(ExportStatus.COMPLETED, "Complete", "Completed"));

    var conflict = assertThrows(KubernetesClientException.class, () -> applyStatus(stale, "op"));
    assertEquals(409, conflict.getCode(), "the whole cached object carries its old resourceVersion");

    var written = applyStatus(StatusPatch.fresh(stale), "op");
    assertEquals(ExportStatus.COMPLETED, written.getStatus().getExportStatus());
  }

  @Test
  void reasonsFromAnyFailureCodeAreAccepted() {
    var export = create("odd-code");
    var status = new TableExportStatus();
    status.setExportStatus(ExportStatus.FAILED);
    status.setConditions(List.of(new ConditionBuilder().withType("Failed").withStatus("True")
        .withReason("S3.Access-Denied").withMessage("denied").withLastTransitionTime(NOW.toString())
        .build()));
    export.setStatus(status);
    var refused = assertThrows(KubernetesClientException.class,
        () -> applyStatus(StatusPatch.fresh(export), "op"));
    assertEquals(422, refused.getCode(), "the CRD's pattern refuses the raw code");

    status.setConditions(Conditions.set(null, Conditions.FAILED, true, "S3.Access-Denied", "denied", 1, NOW));
    var written = applyStatus(StatusPatch.fresh(export), "op");

    assertEquals("S3_Access_Denied", written.getStatus().getConditions().getFirst().getReason());
  }

  @Test
  void conditionsAreMergedByType() {
    var export = create("merged");
    export.setStatus(status(ExportStatus.PENDING, "Complete", "Running"));
    applyStatus(StatusPatch.fresh(export), "operator");
    var other = named("merged");
    other.setStatus(new TableExportStatus());
    other.getStatus().setConditions(Conditions.set(null, "Audited", true, "Checked", "", 1, NOW));

    var written = applyStatus(StatusPatch.fresh(other), "auditor");

    assertEquals(List.of("Complete", "Audited"),
        written.getStatus().getConditions().stream().map(c -> c.getType()).toList(),
        "another manager's condition joins the list instead of replacing it");
    var twice = new ArrayList<>(written.getStatus().getConditions());
    twice.addAll(Conditions.set(null, "Complete", true, "Completed", "", 1, NOW));
    written.getStatus().setConditions(twice);
    var duplicate = assertThrows(KubernetesClientException.class,
        () -> CLUSTER.admin().resource(written).updateStatus());
    assertTrue(duplicate.getMessage().contains("Duplicate value"), duplicate.getMessage());
  }

  @Test
  void aTransitionsEventIsRecordedOnce() {
    var export = create("event-once");
    var events = new Events(Clock.systemUTC());

    assertTrue(events.record(CLUSTER.admin(), export, Events.Reason.Completed, "42 items"));
    assertFalse(events.record(CLUSTER.admin(), export, Events.Reason.Completed, "42 items"),
        "a second reconcile of the same transition records nothing");
    events.record(CLUSTER.admin(), export, Events.Reason.PitrReenabled, "again");
    events.record(CLUSTER.admin(), export, Events.Reason.PitrReenabled, "again");

    var recorded = CLUSTER.admin().v1().events().inNamespace(namespace)
        .withInvolvedObject(new io.fabric8.kubernetes.api.model.ObjectReferenceBuilder()
            .withUid(export.getMetadata().getUid()).build())
        .list().getItems().stream().map(e -> e.getReason()).sorted().toList();
    assertEquals(List.of("Completed", "PitrReenabled", "PitrReenabled"), recorded);
  }

  /** As JOSDK patches status with server-side apply (without managedFields, which SSA refuses). */
  private static TableExport applyStatus(TableExport export, String manager) {
    export.getMetadata().setManagedFields(null);
    return CLUSTER.admin().resource(export).subresource("status").patch(new PatchContext.Builder()
        .withFieldManager(manager)
        .withForce(true)
        .withPatchType(PatchType.SERVER_SIDE_APPLY)
        .build());
  }

  private static TableExportStatus status(ExportStatus exportStatus, String type, String reason) {
    var status = new TableExportStatus();
    status.setExportStatus(exportStatus);
    status.setConditions(Conditions.set(null, type, exportStatus == ExportStatus.COMPLETED, reason, "", 1, NOW));
    return status;
  }

  private static TableExport create(String name) {
    return CLUSTER.admin().resource(named(name)).create();
  }

  private static TableExport named(String name) {
    var spec = new TableExportSpec();
    spec.setTableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    spec.setS3Bucket("exports");
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    export.setSpec(spec);
    return export;
  }
}
