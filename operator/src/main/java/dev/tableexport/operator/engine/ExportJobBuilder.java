package dev.tableexport.operator.engine;

import dev.tableexport.contract.RunnerExitCodes;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.runner.RunnerPods;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Job that runs one export: the runner's {@code export} command with the request as flags (a
 * compaction's: its {@code compact} command), its result written to the termination message; for
 * {@code spec.parallelism} N > 1, an Indexed Job of N pods, each the runner's worker of its
 * completion index. The name is derived from the TableExport, so a restarted operator finds the
 * Job it created instead of creating a second.
 */
final class ExportJobBuilder {

  /** The app.kubernetes.io/name of export Jobs and their pods. */
  static final String APP = "tableexport-runner";

  /**
   * The variable of a short run's JVM option: the image's entrypoint is the java launcher, which
   * reads it. JAVA_TOOL_OPTIONS stays the user's (the image's documented way to add flags).
   */
  static final String JVM_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS";
  /** C1 only: a short run starts in half the time, a long export encodes slower (README, bench). */
  static final String SHORT_RUN_JVM_OPTION = "-XX:TieredStopAtLevel=1";

  private final OperatorConfig config;

  ExportJobBuilder(OperatorConfig config) {
    this.config = config;
  }

  static String jobName(TableExport export) {
    return RunnerPods.childName(export, "export");
  }

  /**
   * @param backup the table's; null for a compaction
   * @param size the table's, by DescribeTable; null when not known (a compaction: its size is
   *     its exports', not the table's), which counts as a long run
   */
  Job build(TableExport export, String exportArn, ContinuousBackup backup, TableSize size) {
    var metadata = export.getMetadata();
    var labels = Map.of(
        "app.kubernetes.io/name", APP,
        RunnerPods.MANAGED_BY_LABEL, RunnerPods.MANAGED_BY,
        "tableexport.dev/export", RunnerPods.labelValue(metadata.getName()));
    var job = new JobBuilder()
        .withMetadata(RunnerPods.ownedBy(export, jobName(export), labels))
        .withNewSpec()
            .withActiveDeadlineSeconds(config.jobActiveDeadline().toSeconds())
            .withTtlSecondsAfterFinished((int) config.jobTtlAfterFinished().toSeconds())
            .withNewPodFailurePolicy()
                .withRules(podFailureRules())
            .endPodFailurePolicy()
            .withNewTemplate()
                .withNewMetadata()
                    .withLabels(labels)
                    .withAnnotations(RunnerPods.ownerAnnotations(export))
                .endMetadata()
                .withSpec(RunnerPods.podSpec(config, "export-runner",
                    arguments(export, exportArn, backup, config), "Never", resources(export)))
            .endTemplate()
        .endSpec()
        .build();
    if (shortRun(size)) {
      job.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()
          .add(new EnvVar(JVM_OPTIONS_VARIABLE, SHORT_RUN_JVM_OPTION, null));
    }
    int pods = export.getSpec().parallelismOrOne();
    var spec = job.getSpec();
    if (pods == 1) {
      spec.setBackoffLimit(config.jobBackoffLimit());
    } else {
      // Pod i gets JOB_COMPLETION_INDEX=i; a failed pod is retried alone, each index within the
      // backoff limit. The export cannot complete without every share: a permanent failure fails
      // the Job (FailJob, not FailIndex), and so does an index out of retries (maxFailedIndexes 0)
      // without waiting for the others.
      spec.setCompletionMode("Indexed");
      spec.setCompletions(pods);
      spec.setParallelism(pods);
      spec.setBackoffLimitPerIndex(config.jobBackoffLimit());
      spec.setMaxFailedIndexes(0);
    }
    return job;
  }

  /**
   * What a failed pod means, by the runner's exit code (contract: RunnerExitCodes): a pod evicted
   * or preempted does not count; a permanent failure or a usage error fails the Job at once; a
   * transient failure past the runner's own retries counts against the backoff limit, and the
   * next pod resumes from the export's checkpoints. Any other end (OOM-killed, SIGKILL) counts too.
   */
  static List<PodFailurePolicyRule> podFailureRules() {
    return List.of(
        new PodFailurePolicyRuleBuilder()
            .withAction("Ignore")
            .addNewOnPodCondition()
                .withType("DisruptionTarget").withStatus("True")
            .endOnPodCondition()
            .build(),
        exitCodes("FailJob", RunnerExitCodes.FAILED, RunnerExitCodes.USAGE),
        exitCodes("Count", RunnerExitCodes.TRANSIENT_FAILURE));
  }

  private static PodFailurePolicyRule exitCodes(String action, Integer... codes) {
    return new PodFailurePolicyRuleBuilder()
        .withAction(action)
        .withNewOnExitCodes().withContainerName("export-runner").withOperator("In")
            .withValues(codes).endOnExitCodes()
        .build();
  }

  /** A table under both of the operator's limits; a limit of 0 turns short runs off. */
  private boolean shortRun(TableSize size) {
    return size != null && size.items() < config.shortRunMaxItems()
        && size.bytes() < config.shortRunMaxBytes();
  }

  /** The export's own requests and limits, else the operator's for every runner. */
  private ResourceRequirements resources(TableExport export) {
    var own = export.getSpec().getResources();
    return own != null ? own.toRequirements() : config.runnerResources();
  }

  /**
   * The request as the runner's flags, which mirror `aws dynamodb export-table-to-point-in-time`.
   *
   * @param backup the table's; null for a compaction, which reads only S3
   */
  static List<String> arguments(
      TableExport export, String exportArn, ContinuousBackup backup, OperatorConfig config) {
    var spec = export.getSpec();
    if (spec.getCompactionOf() != null) {
      return compactArguments(export, exportArn);
    }
    var args = new ArrayList<>(List.of("export", "--table-arn", spec.getTableArn(), "--s3-bucket", spec.getS3Bucket()));
    add(args, "--s3-prefix", spec.getS3Prefix());
    add(args, "--s3-bucket-owner", spec.getS3BucketOwner());
    add(args, "--s3-sse-algorithm", spec.getS3SseAlgorithm());
    add(args, "--s3-sse-kms-key-id", spec.getS3SseKmsKeyId());
    add(args, "--export-format", spec.getExportFormat());
    add(args, "--export-type", spec.getExportType());
    boolean split = spec.parallelismOrOne() > 1;
    boolean incremental = spec.getExportType() == ExportType.INCREMENTAL_EXPORT;
    // The pods of a split export must export one time: the latest restorable one when the Job is
    // made, not each pod's own.
    add(args, "--export-time", spec.getExportTime() == null && split && !incremental
        ? latestRestorable(backup) : spec.getExportTime());
    if (incremental) {
      var window = spec.getIncrementalExportSpecification();
      var text = new StringBuilder("ExportFromTime=").append(window.getExportFromTime());
      var to = window.getExportToTime() == null && split
          ? latestRestorable(backup) : window.getExportToTime();
      if (to != null) {
        text.append(",ExportToTime=").append(to);
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
    if (split) {
      args.addAll(List.of("--parallelism", Integer.toString(spec.parallelismOrOne())));
    }
    args.addAll(config.runnerExportArgs());
    return args;
  }

  /** A compaction: the runner's compact command over the manifests, in their order. */
  private static List<String> compactArguments(TableExport export, String exportArn) {
    var spec = export.getSpec();
    var args = new ArrayList<>(List.of("compact"));
    for (var manifest : spec.getCompactionOf().getManifests()) {
      args.addAll(List.of("--manifest", manifest));
    }
    args.addAll(List.of("--s3-bucket", spec.getS3Bucket()));
    add(args, "--s3-prefix", spec.getS3Prefix());
    add(args, "--s3-bucket-owner", spec.getS3BucketOwner());
    add(args, "--s3-sse-algorithm", spec.getS3SseAlgorithm());
    add(args, "--s3-sse-kms-key-id", spec.getS3SseKmsKeyId());
    add(args, "--export-format", spec.getExportFormat());
    args.addAll(List.of("--export-arn", exportArn,
        "--result-file", RunnerPods.TERMINATION_MESSAGE_PATH));
    return args;
  }

  private static String latestRestorable(ContinuousBackup backup) {
    var status = backup.getStatus();
    var latest = status == null ? null : status.getLatestRestorableDateTime();
    return latest == null ? null : Instant.parse(latest).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static void add(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag);
      args.add(value.toString());
    }
  }
}
