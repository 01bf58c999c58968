package dev.tableexport.operator.continuousbackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderDeploymentBuilderTest {

  private static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";

  @Test
  void oneReplicaRecreatedRunningRecordOwnedByTheBackup() {
    var deployment = new RecorderDeploymentBuilder(config()).build(backup("pitr", 7));

    assertEquals("orders-recorder", deployment.getMetadata().getName());
    assertEquals("data", deployment.getMetadata().getNamespace());
    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
    var owner = deployment.getMetadata().getOwnerReferences().getFirst();
    assertEquals("orders", owner.getName());
    assertTrue(owner.getController());
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals("Always", pod.getRestartPolicy());
    assertEquals("tableexport-runner", pod.getServiceAccountName());
    assertEquals(List.of("record", "--table-arn", TABLE_ARN, "--store", "s3://backups/pitr",
        "--recovery-period-days", "7", "--enable-stream"), pod.getContainers().getFirst().getArgs());
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
        deployment.getSpec().getTemplate().getMetadata().getLabels());
  }

  @Test
  void storeWithoutPrefixAndDefaultRecoveryPeriod() {
    var args = new RecorderDeploymentBuilder(config()).build(backup(null, null))
        .getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();

    assertEquals(List.of("record", "--table-arn", TABLE_ARN, "--store", "s3://backups",
        "--recovery-period-days", "35", "--enable-stream"), args);
  }

  @Test
  void theSpecHashChangesWithWhatTheOperatorAsksFor() {
    var builder = new RecorderDeploymentBuilder(config());
    var week = builder.build(backup("pitr", 7)).getMetadata().getAnnotations().get(RecorderDeploymentBuilder.SPEC_HASH);

    assertEquals(week, builder.build(backup("pitr", 7)).getMetadata().getAnnotations().get(RecorderDeploymentBuilder.SPEC_HASH));
    assertNotEquals(week, builder.build(backup("pitr", 8)).getMetadata().getAnnotations().get(RecorderDeploymentBuilder.SPEC_HASH));
  }

  private static ContinuousBackup backup(String prefix, Integer days) {
    var store = new BackupStore();
    store.setBucket("backups");
    store.setPrefix(prefix);
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(TABLE_ARN);
    spec.setStore(store);
    spec.setRecoveryPeriodInDays(days);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("data")
        .withUid("0f3c2a1b-0000-4000-8000-000000000000").build());
    backup.setSpec(spec);
    return backup;
  }

  private static OperatorConfig config() {
    return OperatorConfig.fromEnvironment(Map.of());
  }
}
