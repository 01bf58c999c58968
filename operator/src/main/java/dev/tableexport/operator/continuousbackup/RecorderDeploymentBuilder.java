package dev.tableexport.operator.continuousbackup;

import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.runner.RunnerPods;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * The Deployment that keeps one table's continuous backup: the runner's {@code record} command,
 * one replica, replaced with the Recreate strategy so that two recorders never write the same
 * store.
 */
public final class RecorderDeploymentBuilder {

  /**
   * The hash of the spec the operator asked for: the API server adds defaults to a Deployment's
   * spec, so comparing specs would see a change every time.
   */
  static final String SPEC_HASH = "tableexport.dev/spec-hash";

  /** The app.kubernetes.io/name of recorder Deployments and their pods. */
  static final String APP = "tableexport-recorder";

  private final OperatorConfig config;

  public RecorderDeploymentBuilder(OperatorConfig config) {
    this.config = config;
  }

  /** The label of a recorder's Deployment and pods that names their ContinuousBackup (cut). */
  public static final String BACKUP_LABEL = "tableexport.dev/continuous-backup";
  /** The label that tells one ContinuousBackup's recorder pods from every other's: its uid. */
  public static final String BACKUP_UID_LABEL = "tableexport.dev/continuous-backup-uid";

  public static String deploymentName(ContinuousBackup backup) {
    return RunnerPods.childName(backup, "recorder");
  }

  public Deployment build(ContinuousBackup backup) {
    var deployment = withoutHash(backup);
    deployment.getMetadata().setAnnotations(
        Map.of(SPEC_HASH, Integer.toHexString(deployment.getSpec().hashCode())));
    return deployment;
  }

  private Deployment withoutHash(ContinuousBackup backup) {
    var metadata = backup.getMetadata();
    var selector = Map.of(
        "app.kubernetes.io/name", APP,
        BACKUP_UID_LABEL, metadata.getUid());
    var labels = new HashMap<>(selector);
    labels.put(RunnerPods.MANAGED_BY_LABEL, RunnerPods.MANAGED_BY);
    labels.put(BACKUP_LABEL, RunnerPods.labelValue(metadata.getName()));
    return new DeploymentBuilder()
        .withMetadata(RunnerPods.ownedBy(backup, deploymentName(backup), labels))
        .withNewSpec()
            .withReplicas(1)
            .withNewStrategy().withType("Recreate").endStrategy()
            .withNewSelector().withMatchLabels(selector).endSelector()
            .withNewTemplate()
                .withNewMetadata()
                    .withLabels(labels)
                    .withAnnotations(RunnerPods.ownerAnnotations(backup))
                .endMetadata()
                .withSpec(RunnerPods.podSpec(config, "recorder", arguments(backup), "Always"))
            .endTemplate()
        .endSpec()
        .build();
  }

  static List<String> arguments(ContinuousBackup backup) {
    var spec = backup.getSpec();
    var store = RunnerPods.storeLocation(spec.getStore());
    var period = spec.getRecoveryPeriodInDays() == null ? 35 : spec.getRecoveryPeriodInDays();
    return List.of("record", "--table-arn", spec.getTableArn(), "--store", store.toString(),
        "--recovery-period-days", Integer.toString(period), "--enable-stream");
  }
}
