package dev.tableexport.operator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.RunnerExitCodes;
import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.CompactionOf;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ExportViewType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.RunnerResources;
import dev.tableexport.operator.api.S3SseAlgorithm;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExportJobBuilderTest {

  private static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final String EXPORT_ARN = TABLE_ARN + "/export/01768385930622-0f3c2a1b";
  private static final String UID = "0f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a098";
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  @Test
  void jobNameIsTheExportNameAndTheStartOfItsUid() {
    var export = export("orders-daily", UID, fullSpec());

    assertEquals("orders-daily-export-0f3c2a1b", ExportJobBuilder.jobName(export));
    assertEquals(
        ExportJobBuilder.jobName(export),
        ExportJobBuilder.jobName(export("orders-daily", UID, fullSpec())));
    assertNotEquals(
        ExportJobBuilder.jobName(export),
        ExportJobBuilder.jobName(
            export("orders-daily", "1a2b3c4d-0000-4000-8000-000000000000", fullSpec())));
  }

  @Test
  void jobNameOfALongNameFitsInALabelValue() {
    var name = "orders-" + "x".repeat(240);
    var other = "1a2b3c4d-0000-4000-8000-000000000000";

    var jobName = ExportJobBuilder.jobName(export(name, UID, fullSpec()));

    assertTrue(jobName.length() <= 63, jobName);
    assertEquals(name.substring(0, 45) + "-export-0f3c2a1b", jobName);
    assertTrue(DNS_SUBDOMAIN.matcher(jobName).matches(), jobName);
    assertNotEquals(jobName, ExportJobBuilder.jobName(export(name + "y", other, fullSpec())));
  }

  @Test
  void jobNameIsAValidNameWhenTheCutFallsOnADot() {
    var name = "a".repeat(44) + ".daily-orders-export";

    var jobName = ExportJobBuilder.jobName(export(name, UID, fullSpec()));

    assertTrue(jobName.length() <= 63, jobName);
    assertTrue(DNS_SUBDOMAIN.matcher(jobName).matches(), jobName);
    assertTrue(jobName.endsWith("-export-0f3c2a1b"), jobName);
  }

  @Test
  void jobNameIsLowercase() {
    var jobName = ExportJobBuilder.jobName(export("Orders-Daily", UID, fullSpec()));

    assertEquals("orders-daily-export-0f3c2a1b", jobName);
  }

  @Test
  void theJobIsOwnedAndControlledByItsTableExport() {
    var export = export("orders-daily", UID, fullSpec());

    var job = new ExportJobBuilder(config()).build(export, EXPORT_ARN,
        backup("backups", "pitr"), null);

    assertEquals("orders-daily-export-0f3c2a1b", job.getMetadata().getName());
    assertEquals("data", job.getMetadata().getNamespace());
    var owners = job.getMetadata().getOwnerReferences();
    assertEquals(1, owners.size());
    var owner = owners.getFirst();
    assertEquals("tableexport.dev/v1alpha1", owner.getApiVersion());
    assertEquals("TableExport", owner.getKind());
    assertEquals("orders-daily", owner.getName());
    assertEquals(UID, owner.getUid());
    assertEquals(true, owner.getController());
    assertEquals(true, owner.getBlockOwnerDeletion());
  }

  @Test
  void theJobAndItsPodsCarryTheLabels() {
    var job =
        new ExportJobBuilder(config())
            .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN,
                backup("backups", ""), null);

    var labels =
        Map.of(
            "app.kubernetes.io/name", "tableexport-runner",
            "app.kubernetes.io/managed-by", "tableexport-operator",
            "tableexport.dev/export", "orders-daily");
    assertEquals(labels, job.getMetadata().getLabels());
    assertEquals(labels, job.getSpec().getTemplate().getMetadata().getLabels());
  }

  @Test
  void labelsOfALongNameAreValidLabelValues() {
    var name = "orders-nightly-" + "x".repeat(47) + ".eu-west-1";

    var job =
        new ExportJobBuilder(config())
            .build(export(name, UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null);

    for (var labels :
        List.of(
            job.getMetadata().getLabels(), job.getSpec().getTemplate().getMetadata().getLabels())) {
      var value = labels.get("tableexport.dev/export");
      assertTrue(value.length() <= 63, value);
      assertTrue(LABEL_VALUE.matcher(value).matches(), value);
      assertTrue(name.startsWith(value), value);
    }
  }

  @Test
  void retriesAndDeadlineComeFromTheConfigAndAFailedExportFailsTheJob() {
    var config = config(4, Duration.ofHours(3), Duration.ofMinutes(15));

    var spec =
        new ExportJobBuilder(config)
            .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null)
            .getSpec();

    assertEquals(4, spec.getBackoffLimit());
    assertEquals(10_800L, spec.getActiveDeadlineSeconds());
    var rules = spec.getPodFailurePolicy().getRules();
    assertEquals(List.of("Ignore", "FailJob", "Count"),
        rules.stream().map(rule -> rule.getAction()).toList());
    assertEquals("DisruptionTarget", rules.get(0).getOnPodConditions().getFirst().getType());
    assertEquals("True", rules.get(0).getOnPodConditions().getFirst().getStatus());
    for (var rule : rules.subList(1, 3)) {
      assertEquals("In", rule.getOnExitCodes().getOperator());
      assertEquals("export-runner", rule.getOnExitCodes().getContainerName());
    }
    assertEquals(List.of(RunnerExitCodes.FAILED, RunnerExitCodes.USAGE),
        rules.get(1).getOnExitCodes().getValues());
    assertEquals(List.of(RunnerExitCodes.TRANSIENT_FAILURE),
        rules.get(2).getOnExitCodes().getValues());
  }

  @Test
  void theRunnerPodTakesTheOperatorsResourcesUnlessTheExportGivesItsOwn() {
    var operators = new ResourceRequirementsBuilder()
        .withLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"))).build();
    var own = new RunnerResources(Map.of("cpu", new Quantity("8")), null);
    var config = withRunner(config(), operators, List.of("--read-timeout=PT10M"));
    var spec = fullSpec();

    var byDefault = container(new ExportJobBuilder(config)
        .build(export("orders-daily", UID, spec), EXPORT_ARN, backup("backups", ""), null));
    spec.setResources(own);
    var byExport = container(new ExportJobBuilder(config)
        .build(export("orders-daily", UID, spec), EXPORT_ARN, backup("backups", ""), null));

    assertEquals(operators, byDefault.getResources());
    assertEquals(Map.of("cpu", new Quantity("8")), byExport.getResources().getRequests());
    assertNull(byExport.getResources().getLimits(), "the export's resources replace the operator's");
    assertEquals(List.of("--read-timeout=PT10M"),
        byDefault.getArgs().subList(byDefault.getArgs().size() - 1, byDefault.getArgs().size()));
  }

  private static Container container(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  private static OperatorConfig withRunner(
      OperatorConfig c, ResourceRequirements resources, List<String> exportArgs) {
    return new OperatorConfig(c.runnerImage(), c.runnerServiceAccount(), c.watchedNamespaces(),
        c.maxConcurrentExports(), c.historyRetention(), c.awsRegion(), c.dynamoDbEndpoint(),
        c.s3Endpoint(), c.awsCredentialsSecret(), c.jobBackoffLimit(), c.jobActiveDeadline(),
        c.minIncrementalWindow(), c.useServerSideApply(), c.leaderElectionNamespace(),
        c.httpPort(), c.nativeFirstLook(), c.nativeLookInterval(), resources, exportArgs,
        c.jobTtlAfterFinished(), c.shortRunMaxItems(), c.shortRunMaxBytes());
  }

  private static OperatorConfig withShortRunLimits(OperatorConfig c, int items, int bytes) {
    return new OperatorConfig(c.runnerImage(), c.runnerServiceAccount(), c.watchedNamespaces(),
        c.maxConcurrentExports(), c.historyRetention(), c.awsRegion(), c.dynamoDbEndpoint(),
        c.s3Endpoint(), c.awsCredentialsSecret(), c.jobBackoffLimit(), c.jobActiveDeadline(),
        c.minIncrementalWindow(), c.useServerSideApply(), c.leaderElectionNamespace(),
        c.httpPort(), c.nativeFirstLook(), c.nativeLookInterval(), c.runnerResources(),
        c.runnerExportArgs(), c.jobTtlAfterFinished(), items, bytes);
  }

  @Test
  void thePodRunsTheRunnerOnceUnderTheRestrictedProfile() {
    var pod =
        new ExportJobBuilder(config())
            .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null)
            .getSpec()
            .getTemplate()
            .getSpec();

    assertEquals("Never", pod.getRestartPolicy());
    assertEquals("tableexport-runner", pod.getServiceAccountName());
    assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(1, pod.getContainers().size());
    var container = pod.getContainers().getFirst();
    assertEquals("export-runner", container.getName());
    assertEquals("ghcr.io/tableexport/export-runner:1.2.3", container.getImage());
    var security = container.getSecurityContext();
    assertEquals(false, security.getAllowPrivilegeEscalation());
    assertEquals(true, security.getReadOnlyRootFilesystem());
    assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
    assertTrue(
        security.getCapabilities().getAdd() == null
            || security.getCapabilities().getAdd().isEmpty());
  }

  @Test
  void theRunnerHasAWritableTmpAndItsResources() {
    var pod =
        new ExportJobBuilder(config())
            .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null)
            .getSpec()
            .getTemplate()
            .getSpec();

    var container = pod.getContainers().getFirst();
    assertEquals(1, container.getVolumeMounts().size());
    var mount = container.getVolumeMounts().getFirst();
    assertEquals("/tmp", mount.getMountPath());
    assertFalse(Boolean.TRUE.equals(mount.getReadOnly()));
    var volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    assertNotNull(volume.getEmptyDir());
    assertEquals(
        Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")),
        container.getResources().getRequests());
    assertEquals(Map.of("memory", new Quantity("1Gi")), container.getResources().getLimits());
  }

  @Test
  void theResultComesBackAsTheTerminationMessage() {
    var backup = backup("backups", "pitr");
    var export = export("orders-daily", UID, fullSpec());

    var container =
        new ExportJobBuilder(config())
            .build(export, EXPORT_ARN, backup, null)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst();

    assertEquals("/dev/termination-log", container.getTerminationMessagePath());
    assertEquals("FallbackToLogsOnError", container.getTerminationMessagePolicy());
    assertEquals(
        ExportJobBuilder.arguments(export, EXPORT_ARN, backup, config()), container.getArgs());
  }

  @Test
  void awsEndpointsAndCredentialsArePassedWhenConfigured() {
    var container = container(new ExportJobBuilder(awsConfig())
        .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null));

    assertEquals(awsEnvironment(), container.getEnv());
    assertEquals(1, container.getEnvFrom().size());
    assertEquals("aws-credentials", container.getEnvFrom().getFirst().getSecretRef().getName());
    assertNull(container.getEnvFrom().getFirst().getConfigMapRef());
  }

  @Test
  void aSmallTableRunsItsJvmWithC1OnlyAndKeepsTheOtherVariables() {
    var container = container(new ExportJobBuilder(awsConfig()).build(
        export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""),
        new TableSize(10, 4_096)));

    var expected = new ArrayList<>(awsEnvironment());
    expected.add(new EnvVar("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1", null));
    assertEquals(expected, container.getEnv());
    assertEquals("aws-credentials", container.getEnvFrom().getFirst().getSecretRef().getName(),
        "the variables of the credentials Secret, JAVA_TOOL_OPTIONS among them, stay the user's");
  }

  @Test
  void aTableAtEitherLimitRunsItsJvmAsTheImageSets() {
    var config = config();
    var atItems = new TableSize(100_000, 4_096);
    var atBytes = new TableSize(10, 64L << 20);

    for (var size : List.of(atItems, atBytes, new TableSize(5_000_000, 2L << 30))) {
      assertEquals(List.of(), jvmOptions(config, size), size.toString());
    }
    assertEquals(List.of("-XX:TieredStopAtLevel=1"),
        jvmOptions(config, new TableSize(99_999, (64L << 20) - 1)));
  }

  @Test
  void aZeroLimitOrAnUnknownSizeNeverRunsC1Only() {
    var small = new TableSize(10, 4_096);

    assertEquals(List.of(), jvmOptions(withShortRunLimits(config(), 0, 64 << 20), small));
    assertEquals(List.of(), jvmOptions(withShortRunLimits(config(), 100_000, 0), small));
    assertEquals(List.of(), jvmOptions(config(), null));
  }

  private static List<String> jvmOptions(OperatorConfig config, TableSize size) {
    return container(new ExportJobBuilder(config)
        .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), size))
        .getEnv().stream()
        .filter(variable -> variable.getName().equals("JDK_JAVA_OPTIONS"))
        .map(EnvVar::getValue)
        .toList();
  }

  private static List<EnvVar> awsEnvironment() {
    return List.of(
        new EnvVar("AWS_REGION", "eu-west-1", null),
        new EnvVar("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamodb.local:8000", null),
        new EnvVar("AWS_ENDPOINT_URL_S3", "http://s3.local:9000", null));
  }

  private static OperatorConfig awsConfig() {
    return
        new OperatorConfig(
            "ghcr.io/tableexport/export-runner:1.2.3",
            "tableexport-runner",
            Set.of(),
            300,
            Duration.ofDays(90),
            "eu-west-1",
            "http://dynamodb.local:8000",
            "http://s3.local:9000",
            "aws-credentials",
            2,
            Duration.ofHours(12),
            Duration.ofMinutes(15),
            true, null, 8080, Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  @Test
  void withoutAwsSettingsThePodHasNoAwsEnvironment() {
    var container =
        new ExportJobBuilder(config())
            .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst();

    assertTrue(container.getEnv().isEmpty(), container.getEnv().toString());
    assertTrue(container.getEnvFrom().isEmpty(), container.getEnvFrom().toString());
  }

  @Test
  void argumentsOfAMinimalFullExport() {
    var args =
        ExportJobBuilder.arguments(
            export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), config());

    assertEquals(
        List.of(
            "export",
            "--table-arn", TABLE_ARN,
            "--s3-bucket", "exports",
            "--export-format", "DYNAMODB_JSON",
            "--export-type", "FULL_EXPORT",
            "--export-arn", EXPORT_ARN,
            "--pitr-store", "s3://backups",
            "--min-incremental-window", "PT15M",
            "--result-file", "/dev/termination-log"),
        args);
  }

  @Test
  void argumentsOfAFullExportWithEveryOption() {
    var spec = fullSpec();
    spec.setS3Prefix("daily/orders");
    spec.setS3BucketOwner("210987654321");
    spec.setS3SseAlgorithm(S3SseAlgorithm.KMS);
    spec.setS3SseKmsKeyId("alias/exports");
    spec.setExportFormat(ExportFormat.ION);
    spec.setExportTime("2026-01-14T10:18:50+01:00");
    spec.setClientToken("nightly-2026-01-14");

    var args =
        ExportJobBuilder.arguments(
            export("orders-daily", UID, spec), EXPORT_ARN, backup("backups", "pitr"), config());

    assertEquals(
        List.of(
            "export",
            "--table-arn", TABLE_ARN,
            "--s3-bucket", "exports",
            "--s3-prefix", "daily/orders",
            "--s3-bucket-owner", "210987654321",
            "--s3-sse-algorithm", "KMS",
            "--s3-sse-kms-key-id", "alias/exports",
            "--export-format", "ION",
            "--export-type", "FULL_EXPORT",
            "--export-time", "2026-01-14T10:18:50+01:00",
            "--client-token", "nightly-2026-01-14",
            "--export-arn", EXPORT_ARN,
            "--pitr-store", "s3://backups/pitr",
            "--min-incremental-window", "PT15M",
            "--result-file", "/dev/termination-log"),
        args);
  }

  @Test
  void argumentsOfAnIncrementalExportWithItsWholeWindow() {
    var spec = incrementalSpec("2026-01-14T10:00:00Z", "2026-01-14T11:00:00Z");
    spec.getIncrementalExportSpecification().setExportViewType(ExportViewType.NEW_IMAGE);

    var args =
        ExportJobBuilder.arguments(
            export("orders-hourly", UID, spec),
            EXPORT_ARN,
            backup("backups", "pitr"),
            config(2, Duration.ofHours(12), Duration.ofMinutes(30)));

    assertEquals(
        List.of(
            "export",
            "--table-arn", TABLE_ARN,
            "--s3-bucket", "exports",
            "--export-format", "DYNAMODB_JSON",
            "--export-type", "INCREMENTAL_EXPORT",
            "--incremental-export-specification",
            "ExportFromTime=2026-01-14T10:00:00Z,ExportToTime=2026-01-14T11:00:00Z,"
                + "ExportViewType=NEW_IMAGE",
            "--export-arn", EXPORT_ARN,
            "--pitr-store", "s3://backups/pitr",
            "--min-incremental-window", "PT30M",
            "--result-file", "/dev/termination-log"),
        args);
  }

  @Test
  void argumentsOfAnIncrementalExportWithOnlyItsStart() {
    var spec = incrementalSpec("2026-01-14T10:00:00+02:00", null);

    var args =
        ExportJobBuilder.arguments(
            export("orders-hourly", UID, spec), EXPORT_ARN, backup("backups", ""), config());

    var index = args.indexOf("--incremental-export-specification");
    assertTrue(index > 0, args.toString());
    assertEquals("ExportFromTime=2026-01-14T10:00:00+02:00", args.get(index + 1));
    assertFalse(args.contains("--export-time"), args.toString());
  }

  @Test
  void pitrStoreIsTheBucketAndPrefixOfTheContinuousBackup() {
    var export = export("orders-daily", UID, fullSpec());

    assertEquals(
        "s3://backups/pitr/orders",
        pitrStore(
            ExportJobBuilder.arguments(
                export, EXPORT_ARN, backup("backups", "pitr/orders"), config())));
    assertEquals(
        "s3://backups",
        pitrStore(
            ExportJobBuilder.arguments(export, EXPORT_ARN, backup("backups", null), config())));
    assertEquals(
        "s3://backups",
        pitrStore(ExportJobBuilder.arguments(export, EXPORT_ARN, backup("backups", ""), config())));
  }

  private static String pitrStore(List<String> args) {
    return args.get(args.indexOf("--pitr-store") + 1);
  }

  @Test
  void aCompactionRunsCompactOverItsManifestsInOrderWithoutTheTablesBackup() {
    var spec = fullSpec();
    spec.setS3Prefix("compacted");
    spec.setS3SseAlgorithm(S3SseAlgorithm.KMS);
    spec.setS3SseKmsKeyId("alias/exports");
    spec.setExportTime("2026-01-14T11:00:00Z");
    var compaction = new CompactionOf();
    compaction.setManifests(List.of("s3://exports/AWSDynamoDB/01768385930622-efd1a093/"
        + "manifest-summary.json", "s3://exports/inc/AWSDynamoDB/01768386830622-0b3c44d1/"
        + "manifest-summary.json"));
    spec.setCompactionOf(compaction);

    var job = new ExportJobBuilder(withRunner(config(), config().runnerResources(),
        List.of("--read-timeout=PT10M"))).build(export("orders-c1-compact", UID, spec),
        EXPORT_ARN, null, null);

    assertEquals(
        List.of(
            "compact",
            "--manifest", compaction.getManifests().get(0),
            "--manifest", compaction.getManifests().get(1),
            "--s3-bucket", "exports",
            "--s3-prefix", "compacted",
            "--s3-sse-algorithm", "KMS",
            "--s3-sse-kms-key-id", "alias/exports",
            "--export-format", "DYNAMODB_JSON",
            "--export-arn", EXPORT_ARN,
            "--result-file", "/dev/termination-log"),
        container(job).getArgs(), "no export flags, no PITR store");
  }

  private static TableExport export(String name, String uid, TableExportSpec spec) {
    var export = new TableExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("data")
            .withUid(uid)
            .withGeneration(1L)
            .build());
    export.setSpec(spec);
    return export;
  }

  private static TableExportSpec fullSpec() {
    var spec = new TableExportSpec();
    spec.setTableArn(TABLE_ARN);
    spec.setS3Bucket("exports");
    spec.setExportFormat(ExportFormat.DYNAMODB_JSON);
    spec.setExportType(ExportType.FULL_EXPORT);
    return spec;
  }

  private static TableExportSpec incrementalSpec(String from, String to) {
    var window = new IncrementalExportSpecification();
    window.setExportFromTime(from);
    window.setExportToTime(to);
    var spec = fullSpec();
    spec.setExportType(ExportType.INCREMENTAL_EXPORT);
    spec.setIncrementalExportSpecification(window);
    return spec;
  }

  private static ContinuousBackup backup(String bucket, String prefix) {
    var store = new BackupStore();
    store.setBucket(bucket);
    store.setPrefix(prefix);
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(TABLE_ARN);
    spec.setStore(store);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("data").build());
    backup.setSpec(spec);
    return backup;
  }

  @Test
  void anExportSplitAcrossPodsIsAnIndexedJobWhosePodsAreRetriedEachAlone() {
    var spec = fullSpec();
    spec.setParallelism(4);

    var job = new ExportJobBuilder(config())
        .build(export("orders-daily", UID, spec), EXPORT_ARN, backup("backups", "pitr"), null);

    var jobSpec = job.getSpec();
    assertEquals("Indexed", jobSpec.getCompletionMode());
    assertEquals(4, jobSpec.getCompletions());
    assertEquals(4, jobSpec.getParallelism());
    assertEquals(2, jobSpec.getBackoffLimitPerIndex());
    assertEquals(0, jobSpec.getMaxFailedIndexes(), "an index out of retries fails the export");
    assertEquals(null, jobSpec.getBackoffLimit(), "per index instead");
    assertEquals(ExportJobBuilder.podFailureRules(), jobSpec.getPodFailurePolicy().getRules());
    var args = container(job).getArgs();
    assertEquals("4", args.get(args.indexOf("--parallelism") + 1));
  }

  @Test
  void anExportOfOnePodIsAJobOfOnePod() {
    var job = new ExportJobBuilder(config())
        .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN,
            backup("backups", "pitr"), null);

    assertEquals(null, job.getSpec().getCompletionMode());
    assertEquals(2, job.getSpec().getBackoffLimit());
    assertTrue(!container(job).getArgs().contains("--parallelism"));
  }

  @Test
  void theLatestRestorableTimeIsFixedForTheSplitPodsWhenTheSpecGivesNoTime() {
    var backup = backup("backups", "pitr");
    var status = new dev.tableexport.operator.api.ContinuousBackupStatus();
    status.setLatestRestorableDateTime("2026-01-14T10:18:50.622123Z");
    backup.setStatus(status);
    var full = fullSpec();
    full.setParallelism(2);
    var incremental = incrementalSpec("2026-01-14T09:00:00Z", null);
    incremental.setParallelism(2);

    var fullArgs = ExportJobBuilder.arguments(export("full", UID, full), EXPORT_ARN, backup,
        config());
    var incrementalArgs = ExportJobBuilder.arguments(export("inc", UID, incremental), EXPORT_ARN,
        backup, config());

    assertEquals("2026-01-14T10:18:50.622Z", fullArgs.get(fullArgs.indexOf("--export-time") + 1));
    assertEquals("ExportFromTime=2026-01-14T09:00:00Z,ExportToTime=2026-01-14T10:18:50.622Z",
        incrementalArgs.get(incrementalArgs.indexOf("--incremental-export-specification") + 1));
    assertTrue(!ExportJobBuilder.arguments(export("one", UID, fullSpec()), EXPORT_ARN, backup,
        config()).contains("--export-time"), "one pod resolves the latest time itself");
  }

  @Test
  void aFinishedJobGoesAfterTheConfiguredTime() {
    var config = OperatorConfig.fromEnvironment(Map.of("TABLEEXPORT_JOB_TTL_AFTER_FINISHED", "PT2H"));

    var spec =
        new ExportJobBuilder(config)
            .build(export("orders-daily", UID, fullSpec()), EXPORT_ARN, backup("backups", ""), null)
            .getSpec();

    assertEquals(7_200, spec.getTtlSecondsAfterFinished());
  }

  private static OperatorConfig config() {
    return config(2, Duration.ofHours(12), Duration.ofMinutes(15));
  }

  private static OperatorConfig config(
      int backoffLimit, Duration activeDeadline, Duration minIncrementalWindow) {
    return new OperatorConfig(
        "ghcr.io/tableexport/export-runner:1.2.3",
        "tableexport-runner",
        Set.of(),
        300,
        Duration.ofDays(90),
        null,
        null,
        null,
        null,
        backoffLimit,
        activeDeadline,
        minIncrementalWindow,
        true, null, 8080, Duration.ofSeconds(30), Duration.ofMinutes(1));
  }
}
