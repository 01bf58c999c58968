package dev.tableexport.operator.engine;

import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.runner.RunnerPods;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Job that runs one export: the runner's {@code export} command with the request as flags,
 * its result written to the termination message. The name is derived from the TableExport, so a
 * restarted operator finds the Job it created instead of creating a second.
 */
final class ExportJobBuilder {

  /** The runner's exit code for a FAILED export: retrying cannot change the outcome. */
  static final int FAILED_EXPORT_EXIT_CODE = 1;

  /** The app.kubernetes.io/name of export Jobs and their pods. */
  static final String APP = "tableexport-runner";

  private final OperatorConfig config;

  ExportJobBuilder(OperatorConfig config) {
    this.config = config;
  }

  static String jobName(TableExport export) {
    return RunnerPods.childName(export, "export");
  }

  Job build(TableExport export, String exportArn, ContinuousBackup backup) {
    var metadata = export.getMetadata();
    var labels = Map.of(
        "app.kubernetes.io/name", APP,
        RunnerPods.MANAGED_BY_LABEL, RunnerPods.MANAGED_BY,
        "tableexport.dev/export", RunnerPods.labelValue(metadata.getName()));
    return new JobBuilder()
        .withMetadata(RunnerPods.ownedBy(export, jobName(export), labels))
        .withNewSpec()
            .withBackoffLimit(config.jobBackoffLimit())
            .withActiveDeadlineSeconds(config.jobActiveDeadline().toSeconds())
            .withTtlSecondsAfterFinished((int) config.jobTtlAfterFinished().toSeconds())
            .withNewPodFailurePolicy()
                .withRules(new PodFailurePolicyRuleBuilder()
                    .withAction("FailJob")
                    .withNewOnExitCodes()
                        .withOperator("In")
                        .withValues(FAILED_EXPORT_EXIT_CODE)
                    .endOnExitCodes()
                    .build())
            .endPodFailurePolicy()
            .withNewTemplate()
                .withNewMetadata()
                    .withLabels(labels)
                    .withAnnotations(RunnerPods.ownerAnnotations(export))
                .endMetadata()
                .withSpec(RunnerPods.podSpec(config, "export-runner",
                    arguments(export, exportArn, backup, config), "Never"))
            .endTemplate()
        .endSpec()
        .build();
  }

  /** The request as the runner's flags, which mirror `aws dynamodb export-table-to-point-in-time`. */
  static List<String> arguments(
      TableExport export, String exportArn, ContinuousBackup backup, OperatorConfig config) {
    var spec = export.getSpec();
    var args = new ArrayList<>(List.of("export", "--table-arn", spec.getTableArn(), "--s3-bucket", spec.getS3Bucket()));
    add(args, "--s3-prefix", spec.getS3Prefix());
    add(args, "--s3-bucket-owner", spec.getS3BucketOwner());
    add(args, "--s3-sse-algorithm", spec.getS3SseAlgorithm());
    add(args, "--s3-sse-kms-key-id", spec.getS3SseKmsKeyId());
    add(args, "--export-format", spec.getExportFormat());
    add(args, "--export-type", spec.getExportType());
    add(args, "--export-time", spec.getExportTime());
    if (spec.getExportType() == ExportType.INCREMENTAL_EXPORT) {
      var window = spec.getIncrementalExportSpecification();
      var text = new StringBuilder("ExportFromTime=").append(window.getExportFromTime());
      if (window.getExportToTime() != null) {
        text.append(",ExportToTime=").append(window.getExportToTime());
      }
      if (window.getExportViewType() != null) {
        text.append(",ExportViewType=").append(window.getExportViewType());
      }
      args.addAll(List.of("--incremental-export-specification", text.toString()));
    }
    add(args, "--client-token", spec.getClientToken());
    var store = RunnerPods.storeLocation(backup.getSpec().getStore());
    args.addAll(List.of("--export-arn", exportArn, "--pitr-store", store.toString(),
        "--min-incremental-window", config.minIncrementalWindow().toString(),
        "--result-file", RunnerPods.TERMINATION_MESSAGE_PATH));
    return args;
  }

  private static void add(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag);
      args.add(value.toString());
    }
  }
}
