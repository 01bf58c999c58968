package dev.tableexport.operator.tableexport;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.RunnerExitCodes;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.FailingBlobStore;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An export split across pods on the real control plane: kube-controller-manager runs the
 * Indexed Job, the process kubelet runs its four pods with the real runner, each its own worker
 * by JOB_COMPLETION_INDEX; the export completes as one valid export, equal in content to the
 * export of one pod; a pod that fails transiently is retried alone.
 */
class ParallelExportIT {

  private static final String TABLE = "split-orders";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "split-pitr");
  private static final int ITEMS = 400;
  private static final int PODS = 4;

  private static KubernetesClient client;
  private static String namespace;
  private static FailingBlobStore store;
  private static LocalEnvironment local;
  private static OperatorOnControlPlane operator;

  @BeforeAll
  static void startEverything() throws Exception {
    var controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    controlPlane.kubelet();
    namespace = controlPlane.restrictedNamespace("split");
    store = new FailingBlobStore(LocalS3.inMemoryStore());
    local = LocalEnvironment.start(store);
    local.s3().createBucket(create -> create.bucket(BUCKET));
    local.s3().createBucket(create -> create.bucket(STORE.bucket()));
    SampleTable.create(local.dynamo(), TABLE);
    SampleTable.fill(local.dynamo(), TABLE, ITEMS);
    var values = OperatorOnControlPlane.localValues(local, Map.of("minIncrementalWindow", "PT0S",
        "runner.jobBackoffLimit", "2", "runner.jobActiveDeadline", "PT10M",
        "runner.tuning.retryAttempts", "1"));
    operator = OperatorOnControlPlane.start(controlPlane, List.of(namespace), values,
        local.dynamo(), local.s3());
    var backup = client.getKubernetesSerialization().unmarshal(
        Files.readString(Path.of("..", "examples", "continuous-backup.yaml")),
        ContinuousBackup.class);
    backup.getMetadata().setNamespace(namespace);
    backup.getMetadata().setName(TABLE);
    backup.getSpec().setTableArn(LocalDynamoDb.tableArn(TABLE));
    backup.getSpec().getStore().setBucket(STORE.bucket());
    backup.getSpec().getStore().setPrefix(STORE.prefix());
    client.resource(backup).create();
    await("the ContinuousBackup's window in its status", () -> {
      var status = client.resources(ContinuousBackup.class).inNamespace(namespace)
          .withName(TABLE).get().getStatus();
      return status != null
          && status.getPointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED;
    });
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (local != null) {
      local.close();
    }
  }

  @Test
  void parallelismFourRunsAnIndexedJobOfFourPodsAndEqualsTheExportOfOnePod() throws Exception {
    client.resource(tableExport("split", PODS, null)).create();

    var split = Awaits.awaitEnd(client, namespace, "split").getStatus();

    assertEquals(ExportStatus.COMPLETED, split.getExportStatus(), split.getFailureMessage());
    assertEquals(ITEMS, split.getItemCount());
    var job = client.batch().v1().jobs().inNamespace(namespace).withName(split.getJobName()).get();
    assertEquals("Indexed", job.getSpec().getCompletionMode());
    assertEquals(PODS, job.getSpec().getCompletions());
    assertEquals(PODS, job.getSpec().getParallelism());
    assertEquals(2, job.getSpec().getBackoffLimitPerIndex());
    assertEquals(PODS, job.getStatus().getSucceeded());
    var indexes = pods("split").stream()
        .filter(pod -> "Succeeded".equals(pod.getStatus().getPhase()))
        .map(ParallelExportIT::index)
        .collect(Collectors.toSet());
    assertEquals(Set.of("0", "1", "2", "3"), indexes, "one pod per index succeeded");
    var stored = stored(split.getExportArn(), split.getExportManifest());
    stored.assertWellFormed();
    assertEquals(CanonicalItems.multiset(TestTables.scan(local.dynamo(), TABLE)),
        CanonicalItems.multiset(stored.items()));

    client.resource(tableExport("alone", 1, split.getExportTime())).create();
    var alone = Awaits.awaitEnd(client, namespace, "alone").getStatus();

    assertEquals(ExportStatus.COMPLETED, alone.getExportStatus(), alone.getFailureMessage());
    assertEquals(alone.getItemCount(), split.getItemCount());
    assertEquals(alone.getBilledSizeBytes(), split.getBilledSizeBytes());
    assertEquals(alone.getExportTime(), split.getExportTime());
    assertEquals(CanonicalItems.multiset(stored(alone.getExportArn(), alone.getExportManifest())
        .items()), CanonicalItems.multiset(stored.items()), "the same items as one pod's export");
  }

  @Test
  void aPodThatFailsTransientlyIsRetriedAloneAndTheExportCompletes() throws Exception {
    store.throttlePutsOf("/_checkpoints/parts/worker-0002.json");
    try {
      client.resource(tableExport("retried", PODS, null)).create();
      await("the pod of index 2 to fail transiently", () -> pods("retried").stream()
          .anyMatch(pod -> "Failed".equals(pod.getStatus().getPhase())));
    } finally {
      store.heal();
    }

    var retried = Awaits.awaitEnd(client, namespace, "retried").getStatus();

    assertEquals(ExportStatus.COMPLETED, retried.getExportStatus(), retried.getFailureMessage());
    assertEquals(ITEMS, retried.getItemCount());
    var pods = pods("retried");
    var failed = pods.stream().filter(pod -> "Failed".equals(pod.getStatus().getPhase()))
        .map(ParallelExportIT::index).toList();
    assertEquals(List.of("2"), failed.stream().distinct().toList(), "only index 2 failed");
    assertEquals(RunnerExitCodes.TRANSIENT_FAILURE, pods.stream()
        .filter(pod -> "Failed".equals(pod.getStatus().getPhase())).findFirst().orElseThrow()
        .getStatus().getContainerStatuses().getFirst().getState().getTerminated().getExitCode());
    for (var index : List.of("0", "1", "3")) {
      assertEquals(1, pods.stream().filter(pod -> index.equals(index(pod))).count(),
          "index " + index + " ran once");
    }
    var stored = stored(retried.getExportArn(), retried.getExportManifest());
    stored.assertWellFormed();
    assertEquals(CanonicalItems.multiset(TestTables.scan(local.dynamo(), TABLE)),
        CanonicalItems.multiset(stored.items()), "the table's items, once each");
  }

  private static List<Pod> pods(String export) {
    var status = client.resources(TableExport.class).inNamespace(namespace).withName(export).get()
        .getStatus();
    if (status == null || status.getJobName() == null) {
      return List.of();
    }
    return client.pods().inNamespace(namespace).withLabel("job-name", status.getJobName()).list()
        .getItems();
  }

  private static String index(Pod pod) {
    return pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index");
  }

  private static StoredExport stored(String exportArn, String manifest) {
    return new StoredExport(local.s3(), BUCKET, new ExportDescription(exportArn,
        ExportDescription.COMPLETED, null, null, manifest, null, null, null, null, BUCKET, null,
        null, null, null, null, null, null, null, null, null, null));
  }

  private static TableExport tableExport(String name, int parallelism, String exportTime) {
    var spec = new TableExportSpec();
    spec.setTableArn(LocalDynamoDb.tableArn(TABLE));
    spec.setS3Bucket(BUCKET);
    spec.setS3Prefix(name);
    spec.setExportFormat(ExportFormat.DYNAMODB_JSON);
    spec.setParallelism(parallelism);
    spec.setExportTime(exportTime);
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    export.setSpec(spec);
    return export;
  }
}
