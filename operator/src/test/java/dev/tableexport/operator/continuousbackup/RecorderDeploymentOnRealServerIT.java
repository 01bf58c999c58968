package dev.tableexport.operator.continuousbackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.runner.RunnerPods;
import dev.tableexport.operator.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recorder Deployments as the API server, its Deployment and ReplicaSet controllers and Pod
 * Security admission take them: long and dotted backup names, two sharing their start, and the
 * label selector of the operator's pod informer finding each recorder's pods and their backup.
 */
class RecorderDeploymentOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();
  private static final String TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/";
  private static final String SHARED = "orders.eu-west-1.production.analytics.team.nightly.";
  private static String namespace;

  @BeforeAll
  static void installCrds() throws IOException {
    Crds.apply(CLUSTER.admin());
    namespace = CLUSTER.restrictedNamespace("recorders");
    // The pods run as the runner's ServiceAccount, which the chart creates in each namespace.
    CLUSTER.admin().serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("tableexport-runner").endMetadata().build()).create();
  }

  @Test
  void longDottedAndSharedNamesRunOneRecorderEach() throws Exception {
    var builder = new RecorderDeploymentBuilder(OperatorConfig.fromEnvironment(Map.of()));
    var first = backup(SHARED + "a".repeat(60), TABLE + "aaa");
    var second = backup(SHARED + "b".repeat(60), TABLE + "bbb");
    var dotted = backup("c".repeat(44) + ".d", TABLE + "ccc");

    for (var backup : List.of(first, second, dotted)) {
      var created = CLUSTER.admin().resource(builder.build(backup)).create();
      assertEquals(RecorderDeploymentBuilder.deploymentName(backup), created.getMetadata().getName());
    }

    assertNotEquals(RecorderDeploymentBuilder.deploymentName(first),
        RecorderDeploymentBuilder.deploymentName(second));
    for (var backup : List.of(first, second, dotted)) {
      var pods = recorderPods(backup);
      assertEquals(1, pods.size(), "one recorder for " + backup.getMetadata().getName());
      assertEquals(namespace,
          pods.getFirst().getMetadata().getAnnotations().get(RunnerPods.OWNER_NAMESPACE));
      assertEquals(backup.getMetadata().getUid(),
          pods.getFirst().getMetadata().getLabels().get(RecorderDeploymentBuilder.BACKUP_UID_LABEL));
    }
  }

  /** The backup's pods, as the operator's pod informer selects them, once the ReplicaSet made one. */
  private static List<Pod> recorderPods(ContinuousBackup backup) throws Exception {
    var informed = CLUSTER.admin().pods().inNamespace(namespace)
        .withLabels(Map.of("app.kubernetes.io/name", RecorderDeploymentBuilder.APP,
            RunnerPods.MANAGED_BY_LABEL, RunnerPods.MANAGED_BY))
        .informOnCondition(pods -> pods.stream().anyMatch(pod -> ownedBy(pod, backup)))
        .get(60, TimeUnit.SECONDS);
    return informed.stream().filter(pod -> ownedBy(pod, backup)).toList();
  }

  private static boolean ownedBy(Pod pod, ContinuousBackup backup) {
    var annotations = pod.getMetadata().getAnnotations();
    return annotations != null && backup.getMetadata().getName().equals(annotations.get(RunnerPods.OWNER_NAME));
  }

  private static ContinuousBackup backup(String name, String table) {
    var store = new BackupStore();
    store.setBucket("backups");
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(table);
    spec.setStore(store);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    backup.setSpec(spec);
    return CLUSTER.admin().resource(backup).create();
  }
}
