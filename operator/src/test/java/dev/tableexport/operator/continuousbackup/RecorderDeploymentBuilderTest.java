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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecorderDeploymentBuilderTest {

  private static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";

  @Test
  void oneReplicaRecreatedRunningRecordOwnedByTheBackup() {
    var deployment = new RecorderDeploymentBuilder(config()).build(backup("pitr", 7));

    assertEquals("orders-recorder-0f3c2a1b", deployment.getMetadata().getName());
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
    var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(labels.entrySet().containsAll(
        deployment.getSpec().getSelector().getMatchLabels().entrySet()), "the selector picks its pods");
  }

  @Test
  void longAndDottedNamesGiveValidDistinctNamesAndLabels() {
    var builder = new RecorderDeploymentBuilder(config());
    var shared = "orders.eu-west-1.production.analytics.team.nightly.";
    var first = builder.build(backup(shared + "a".repeat(40), "0f3c2a1b-0000-4000-8000-000000000000"));
    var second = builder.build(backup(shared + "b".repeat(40), "9d8e7f6a-0000-4000-8000-000000000000"));
    var dotted = builder.build(backup("a".repeat(44) + ".b", "0f3c2a1b-0000-4000-8000-000000000000"));

    assertEquals("orders.eu-west-1.production.analytics.team.ni-recorder-0f3c2a1b",
        first.getMetadata().getName());
    assertEquals("orders.eu-west-1.production.analytics.team.ni-recorder-9d8e7f6a",
        second.getMetadata().getName());
    assertEquals("a".repeat(44) + "-recorder-0f3c2a1b", dotted.getMetadata().getName());
    var dns = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    var label = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    for (var deployment : List.of(first, second, dotted)) {
      var name = deployment.getMetadata().getName();
      assertTrue(name.length() <= 63 && dns.matcher(name).matches(), name);
      for (var value : deployment.getSpec().getTemplate().getMetadata().getLabels().values()) {
        assertTrue(value.length() <= 63 && label.matcher(value).matches(), value);
      }
    }
    assertNotEquals(first.getSpec().getSelector().getMatchLabels(),
        second.getSpec().getSelector().getMatchLabels(), "each recorder selects only its own pods");
    assertEquals(first.getMetadata().getName().length(), 63);
  }

  @Test
  void podsNameTheirBackupWhole() {
    var name = "orders-" + "x".repeat(100);
    var template = new RecorderDeploymentBuilder(config())
        .build(backup(name, "0f3c2a1b-0000-4000-8000-000000000000")).getSpec().getTemplate();

    assertEquals(Map.of("tableexport.dev/owner-name", name, "tableexport.dev/owner-namespace", "data"),
        template.getMetadata().getAnnotations());
    assertEquals("tableexport-operator",
        template.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
  }

  @Test
  void storeWithoutPrefixAndDefaultRecoveryPeriod() {
    var args = new RecorderDeploymentBuilder(config()).build(backup(null, (Integer) null))
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

  private static ContinuousBackup backup(String name, String uid) {
    var backup = backup("pitr", 7);
    backup.getMetadata().setName(name);
    backup.getMetadata().setUid(uid);
    return backup;
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
