package dev.tableexport.operator.tableexport;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.StoreLocation;
import dev.tableexport.operator.OperatorMain;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ExportViewType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.observability.OperatorHttpServer;
import dev.tableexport.operator.observability.OperatorMetrics;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator against the Fabric8 mock API server (CRUD mode) with the CRDs installed, DynamoDB
 * Local and S3Proxy for the table and the buckets, a recorder for point-in-time recovery, and a
 * stand-in kubelet that runs the real runner for each Job.
 */
@EnableKubernetesMockClient(crud = true)
class TableExportIT {

  private static final String NAMESPACE = "exports";
  private static final String TABLE = "orders";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "pitr");
  private static final int ITEMS = 500;
  /** Finished exports go this long after they end; the operator runs one export at a time. */
  private static final Duration HISTORY_RETENTION = Duration.ofSeconds(8);

  /** Held here: java.util.logging forgets the level of a logger nobody references. */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static KubernetesClient client;

  private static LocalEnvironment local;
  private static LocalRecorder recorder;
  private static final OperatorMetrics METRICS = new OperatorMetrics();

  private static OperatorConfig config;
  private static Operator operator;
  private static OperatorHttpServer http;
  private static FakeKubelet kubelet;

  @BeforeAll
  static void startEverything() throws Exception {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    Crds.install(client);
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    SampleTable.create(local.dynamo(), TABLE);
    SampleTable.fill(local.dynamo(), TABLE, ITEMS);
    recorder = new LocalRecorder(local, TABLE, STORE);
    recorder.settledTime();

    var settings = local.settings();
    config = new OperatorConfig("export-runner:test", "tableexport-runner", Set.of(), 1,
        HISTORY_RETENTION, LocalDynamoDb.REGION, settings.dynamoDbEndpoint().toString(),
        settings.s3Endpoint().toString(), null, 0, Duration.ofMinutes(10), Duration.ZERO, false, null, 8080,
        Duration.ofSeconds(30), Duration.ofMinutes(1));
    kubelet = new FakeKubelet(client, Map.of(
        "AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_ACCESS_KEY));
    operator = OperatorMain.start(config, client, local.dynamo(), local.s3(), METRICS);
    http = new OperatorHttpServer(0, () -> operator.getRuntimeInfo().isStarted(), METRICS::scrape);
    createRunnerServiceAccount(NAMESPACE);
    createContinuousBackup(NAMESPACE);
    awaitBackupEnabled(NAMESPACE);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (http != null) {
      http.close();
    }
    if (operator != null) {
      operator.stop();
    }
    if (kubelet != null) {
      kubelet.close();
    }
    if (recorder != null) {
      recorder.close();
    }
    if (local != null) {
      local.close();
    }
  }

  @Test
  void fullExportExampleRunsAsOneJobAndCompletes() throws Exception {
    var example = example("full-export.yaml", TableExport.class);
    example.getSpec().setTableArn(LocalDynamoDb.tableArn(TABLE));
    example.getSpec().setS3Bucket(BUCKET);
    var name = example.getMetadata().getName();
    client.resource(example).create();

    var export = awaitEnd(name);

    var status = export.getStatus();
    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    assertEquals(ITEMS, status.getItemCount());
    assertTrue(status.getExportArn().startsWith(LocalDynamoDb.tableArn(TABLE) + "/export/"));
    assertNotNull(status.getExportTime());
    assertNotNull(status.getTableId());
    var manifest = local.s3().getObjectAsBytes(get -> get.bucket(BUCKET).key(status.getExportManifest()));
    assertTrue(manifest.asUtf8String().contains("\"itemCount\":" + ITEMS));
    assertTrue(status.getConditions().stream()
        .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True")));
    assertEquals(Engine.Runner, status.getEngine());
    assertTrue(status.getConditions().stream().anyMatch(c -> c.getType().equals("Queued")
        && c.getMessage().contains("Runner engine: spec.engine is Auto and ContinuousBackup " + TABLE
            + " records the table")), status.getConditions().toString());
    assertEquals(1, client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", name).list().getItems().size());
    // It may wait a moment in the queue (limit 1) behind an earlier test's export that the
    // operator's cache still shows running.
    assertEquals(List.of("Started", "Completed"),
        eventReasons(name).stream().filter(reason -> !reason.equals("Queued")).toList());
  }

  @Test
  void continuousBackupRunsARecorderDeploymentAndPublishesItsWindow() {
    var backup = client.resources(ContinuousBackup.class).inNamespace(NAMESPACE).withName(TABLE).get();
    var window = recorder.store().readStatus().orElseThrow();

    var status = backup.getStatus();
    assertEquals(window.earliestRestorableDateTime().toString(), status.getEarliestRestorableDateTime());
    assertNotNull(status.getLatestRestorableDateTime());
    assertTrue(status.getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    var deployment = client.apps().deployments().inNamespace(NAMESPACE).withName(status.getDeploymentName()).get();
    assertNotNull(deployment, "the recorder Deployment");
    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
    assertEquals(List.of("record", "--table-arn", LocalDynamoDb.tableArn(TABLE), "--store", "s3://backups/pitr",
            "--recovery-period-days", "35", "--enable-stream"),
        deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs());
    assertEquals(TABLE, deployment.getMetadata().getOwnerReferences().getFirst().getName());
  }

  @Test
  void continuousBackupWhoseRecorderCannotStartIsDegraded() throws Exception {
    var backup = example("continuous-backup.yaml", ContinuousBackup.class);
    backup.getMetadata().setName("unpullable");
    backup.getSpec().setTableArn(LocalDynamoDb.tableArn("unpullable"));
    backup.getSpec().getStore().setBucket(STORE.bucket());
    backup.getSpec().getStore().setPrefix("never-recorded");
    client.resource(backup).create();
    client.pods().inNamespace(NAMESPACE).resource(FakeKubelet.unpullablePod("unpullable-recorder-1",
        Map.of("tableexport.dev/continuous-backup", "unpullable"))).create();

    await("the ContinuousBackup to be Degraded", () -> {
      var status = client.resources(ContinuousBackup.class).inNamespace(NAMESPACE).withName("unpullable").get()
          .getStatus();
      return status != null && status.getConditions() != null && status.getConditions().stream()
          .anyMatch(c -> c.getType().equals("Degraded") && c.getStatus().equals("True")
              && c.getReason().equals("RecorderCannotStart")
              && c.getMessage().contains("unpullable-recorder-1 cannot start: ImagePullBackOff"));
    });
  }

  @Test
  void secondExportWaitsInTheQueueUntilTheFirstEnds() throws Exception {
    client.resource(tableExport("queue-first", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    client.resource(tableExport("queue-second", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();

    await("the second export to be queued", () -> {
      var second = client.resources(TableExport.class).inNamespace(NAMESPACE).withName("queue-second").get();
      return second != null && second.getStatus() != null && second.getStatus().getConditions() != null
          && second.getStatus().getConditions().stream()
              .anyMatch(c -> c.getType().equals("Queued") && c.getStatus().equals("True"));
    });
    var first = awaitEnd("queue-first");
    var second = awaitEnd("queue-second");

    assertEquals(ExportStatus.COMPLETED, first.getStatus().getExportStatus());
    assertEquals(ExportStatus.COMPLETED, second.getStatus().getExportStatus());
    assertEquals(List.of("Queued", "Started", "Completed"), eventReasons("queue-second"));
  }

  @Test
  void finishedExportIsDeletedAfterTheHistoryRetentionAndItsDataStays() throws Exception {
    client.resource(tableExport("short-lived", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    var manifest = awaitEnd("short-lived").getStatus().getExportManifest();

    await("the export to be deleted", () ->
        client.resources(TableExport.class).inNamespace(NAMESPACE).withName("short-lived").get() == null);

    assertTrue(local.s3().headObject(head -> head.bucket(BUCKET).key(manifest)).contentLength() > 0,
        "the exported data stays");
  }

  @Test
  void clientTokenReuseResolvesToTheFirstExportAndConflictsWithOtherParameters() throws Exception {
    client.resource(withToken(tableExport("token-first", LocalDynamoDb.tableArn(TABLE), BUCKET), "t-1")).create();
    var first = awaitEnd("token-first").getStatus();
    assertEquals(ExportStatus.COMPLETED, first.getExportStatus(), first.getFailureMessage());

    client.resource(withToken(tableExport("token-again", LocalDynamoDb.tableArn(TABLE), BUCKET), "t-1")).create();
    var again = awaitEnd("token-again").getStatus();
    var conflicting = withToken(tableExport("token-other", LocalDynamoDb.tableArn(TABLE), BUCKET), "t-1");
    conflicting.getSpec().setExportFormat(ExportFormat.ION);
    client.resource(conflicting).create();
    var conflict = awaitEnd("token-other").getStatus();

    assertEquals(ExportStatus.COMPLETED, again.getExportStatus());
    assertEquals(first.getExportArn(), again.getExportArn());
    assertEquals(first.getItemCount(), again.getItemCount());
    assertEquals(0, client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", "token-again").list().getItems().size(), "nothing ran again");
    assertEquals("ExportConflictException", conflict.getFailureCode());
    assertTrue(conflict.getFailureMessage().contains("token-first"), conflict.getFailureMessage());

    await("the first export to leave the history", () ->
        client.resources(TableExport.class).inNamespace(NAMESPACE).withName("token-first").get() == null);
    client.resource(withToken(tableExport("token-later", LocalDynamoDb.tableArn(TABLE), BUCKET), "t-1")).create();
    var later = awaitEnd("token-later").getStatus();
    assertEquals(first.getExportArn(), later.getExportArn(), "the token outlives the export that used it");
  }

  private static TableExport withToken(TableExport export, String token) {
    export.getSpec().setClientToken(token);
    return export;
  }

  @Test
  void operatorRestartedWhileAnExportRunsEndsItWithOneJob() throws Exception {
    client.resource(tableExport("restarted", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    await("the export's Job", () -> {
      var export = client.resources(TableExport.class).inNamespace(NAMESPACE).withName("restarted").get();
      return export.getStatus() != null && export.getStatus().getJobName() != null;
    });

    operator.stop();
    operator = OperatorMain.start(config, client, local.dynamo(), local.s3(), METRICS);
    var status = awaitEnd("restarted").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    assertEquals(1, client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", "restarted").list().getItems().size());
  }

  @Test
  void probesAndMetricsAreServed() throws Exception {
    client.resource(tableExport("measured", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    awaitEnd("measured");

    var http = HttpClient.newHttpClient();
    var base = "http://127.0.0.1:" + TableExportIT.http.port();
    assertEquals(200, get(http, base + "/healthz").statusCode());
    assertEquals(200, get(http, base + "/readyz").statusCode());
    var metrics = get(http, base + "/metrics").body();
    assertTrue(metrics.contains("# TYPE tableexport_exports_total counter"), metrics);
    assertTrue(metrics.matches("(?s).*tableexport_exports_total\\{status=\"COMPLETED\"} [1-9].*"), metrics);
    assertTrue(metrics.contains("tableexport_recorder_lag_seconds{namespace=\"exports\",continuousbackup=\"orders\"}"),
        metrics);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void invalidSpecAndTimeOutsideTheWindowFailWithDynamoDbsCodes() throws Exception {
    client.resource(tableExport("bad-bucket", LocalDynamoDb.tableArn(TABLE), "bad bucket!")).create();
    var tooEarly = tableExport("too-early", LocalDynamoDb.tableArn(TABLE), BUCKET);
    tooEarly.getSpec().setExportTime("2020-01-14T10:00:00Z");
    client.resource(tooEarly).create();

    var invalid = awaitEnd("bad-bucket").getStatus();
    var early = awaitEnd("too-early").getStatus();

    assertEquals("ValidationException", invalid.getFailureCode());
    assertTrue(invalid.getFailureMessage().contains("spec.s3Bucket"), invalid.getFailureMessage());
    assertEquals("InvalidExportTimeException", early.getFailureCode());
    assertTrue(early.getFailureMessage().contains("outside the restorable window"), early.getFailureMessage());
  }

  @Test
  void incrementalExportOfTheRestorableWindowCompletes() throws Exception {
    var window = client.resources(ContinuousBackup.class).inNamespace(NAMESPACE).withName(TABLE).get().getStatus();
    var export = tableExport("incremental", LocalDynamoDb.tableArn(TABLE), BUCKET);
    var specification = new IncrementalExportSpecification();
    specification.setExportFromTime(window.getEarliestRestorableDateTime());
    specification.setExportToTime(window.getLatestRestorableDateTime());
    specification.setExportViewType(ExportViewType.NEW_IMAGE);
    export.getSpec().setExportType(ExportType.INCREMENTAL_EXPORT);
    export.getSpec().setIncrementalExportSpecification(specification);
    client.resource(export).create();

    var status = awaitEnd("incremental").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    var summary = local.s3().getObjectAsBytes(get -> get.bucket(BUCKET).key(status.getExportManifest())).asUtf8String();
    assertTrue(summary.contains("\"exportType\":\"INCREMENTAL_EXPORT\""), summary);
    assertTrue(summary.contains("\"outputView\":\"NEW_IMAGE\""), summary);
    assertTrue(status.getBilledSizeBytes() >= 10_000_000, "billed as DynamoDB bills incremental exports");
  }

  @Test
  void jobDeletedWhileItRunsIsCreatedAgainAndTheExportCompletes() throws Exception {
    client.resource(tableExport("job-deleted", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    await("the export's Job", () -> !client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", "job-deleted").list().getItems().isEmpty());
    var firstJob = client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", "job-deleted").list().getItems().getFirst();

    client.resource(firstJob).delete();
    var status = awaitEnd("job-deleted").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    var jobs = client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", "job-deleted").list().getItems();
    assertEquals(1, jobs.size());
    assertTrue(!jobs.getFirst().getMetadata().getUid().equals(firstJob.getMetadata().getUid()),
        "a new Job replaced the deleted one");
    assertTrue(jobs.getFirst().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs()
        .contains(status.getExportArn()), "under the same ExportArn");
  }

  @Test
  void podThatCannotStartFailsTheExportWithoutWaitingForTheJobDeadline() throws Exception {
    client.resource(tableExport(FakeKubelet.CANNOT_PULL, LocalDynamoDb.tableArn(TABLE), BUCKET)).create();

    var status = awaitEnd(FakeKubelet.CANNOT_PULL).getStatus();

    assertEquals(ExportStatus.FAILED, status.getExportStatus());
    assertEquals("RunnerCannotStart", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("ImagePullBackOff"), status.getFailureMessage());
    await("the stuck Job to be suspended", () -> client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", FakeKubelet.CANNOT_PULL).list().getItems().stream()
        .allMatch(job -> Boolean.TRUE.equals(job.getSpec().getSuspend())));
    assertEquals(1, client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", FakeKubelet.CANNOT_PULL).list().getItems().size());
  }

  @Test
  void missingTableFailsWithoutAJob() throws Exception {
    client.resource(tableExport("no-table", LocalDynamoDb.tableArn("missing-table"), BUCKET)).create();

    var status = awaitEnd("no-table").getStatus();

    assertEquals(ExportStatus.FAILED, status.getExportStatus());
    assertEquals("TableNotFoundException", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("missing-table"), status.getFailureMessage());
    assertTrue(status.getConditions().stream()
        .anyMatch(c -> c.getType().equals("Failed") && c.getStatus().equals("True")));
    assertEquals(0, client.batch().v1().jobs().inNamespace(NAMESPACE)
        .withLabel("tableexport.dev/export", "no-table").list().getItems().size());
    assertEquals(List.of("Failed"), eventReasons("no-table"));
    var warning = client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals("no-table")).findFirst().orElseThrow();
    assertEquals("Warning", warning.getType());
    assertTrue(warning.getMessage().startsWith("TableNotFoundException: "), warning.getMessage());
  }

  private static List<String> eventReasons(String export) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(event -> event.getInvolvedObject().getName().equals(export))
        .sorted(java.util.Comparator.comparing(event -> event.getFirstTimestamp()))
        .map(event -> event.getReason())
        .toList();
  }

  @Test
  void tableWithoutAContinuousBackupHasNoPointInTimeRecovery() throws Exception {
    SampleTable.create(local.dynamo(), "unrecorded");
    client.resource(tableExport("unrecorded", LocalDynamoDb.tableArn("unrecorded"), BUCKET)).create();

    var status = awaitEnd("unrecorded").getStatus();

    assertEquals("PointInTimeRecoveryUnavailableException", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("ContinuousBackup"), status.getFailureMessage());
    // DynamoDB Local answers UnknownOperationException to DescribeContinuousBackups.
    assertEquals(Engine.Runner, status.getEngine());
  }

  @Test
  void namespaceWithoutTheRunnersServiceAccountFailsWithoutAJob() throws Exception {
    var namespace = "no-runner-account";
    createContinuousBackup(namespace);
    awaitBackupEnabled(namespace);
    var export = tableExport("no-account", LocalDynamoDb.tableArn(TABLE), BUCKET);
    export.getMetadata().setNamespace(namespace);
    client.resource(export).create();

    var status = awaitEnd(namespace, "no-account").getStatus();

    assertEquals("RunnerCannotStart", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("ServiceAccount tableexport-runner does not exist in"
        + " namespace no-runner-account"), status.getFailureMessage());
    assertEquals(0, client.batch().v1().jobs().inNamespace(namespace).list().getItems().size());
  }

  @Test
  void runnerFailureComesBackThroughTheTerminationMessage() throws Exception {
    client.resource(tableExport("no-bucket", LocalDynamoDb.tableArn(TABLE), "no-such-bucket")).create();

    var status = awaitEnd("no-bucket").getStatus();

    assertEquals(ExportStatus.FAILED, status.getExportStatus());
    assertEquals("S3NoSuchBucket", status.getFailureCode(), status.getFailureMessage());
    assertTrue(status.getExportArn().startsWith(LocalDynamoDb.tableArn(TABLE) + "/export/"));
  }

  private static TableExport tableExport(String name, String tableArn, String bucket) {
    var spec = new TableExportSpec();
    spec.setTableArn(tableArn);
    spec.setS3Bucket(bucket);
    spec.setExportFormat(ExportFormat.DYNAMODB_JSON);
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    export.setSpec(spec);
    return export;
  }

  /**
   * The table's ContinuousBackup: examples/continuous-backup.yaml (named after the table) with the
   * test's table and store. Its recorder is the test's own (no pod runs here); the operator reads
   * the window that recorder publishes in the store.
   */
  private static void createContinuousBackup(String namespace) throws IOException {
    var backup = example("continuous-backup.yaml", ContinuousBackup.class);
    backup.getMetadata().setNamespace(namespace);
    backup.getSpec().setTableArn(LocalDynamoDb.tableArn(TABLE));
    backup.getSpec().getStore().setBucket(STORE.bucket());
    backup.getSpec().getStore().setPrefix(STORE.prefix());
    client.resource(backup).create();
  }

  private static void awaitBackupEnabled(String namespace) throws InterruptedException {
    await("the ContinuousBackup's window in its status in " + namespace, () -> {
      var backup = client.resources(ContinuousBackup.class).inNamespace(namespace).withName(TABLE).get();
      return backup.getStatus() != null
          && backup.getStatus().getPointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED;
    });
  }

  /** What the chart creates in every namespace its runner pods run in. */
  private static void createRunnerServiceAccount(String namespace) {
    client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName(config.runnerServiceAccount()).endMetadata().build()).create();
  }

  /** An example of examples/, in the test's namespace. */
  private static <T extends HasMetadata> T example(String file, Class<T> type) throws IOException {
    var example = client.getKubernetesSerialization()
        .unmarshal(Files.readString(Path.of("..", "examples", file)), type);
    example.getMetadata().setNamespace(NAMESPACE);
    return example;
  }

  private static TableExport awaitEnd(String name) throws InterruptedException {
    return awaitEnd(NAMESPACE, name);
  }

  private static TableExport awaitEnd(String namespace, String name) throws InterruptedException {
    return Awaits.awaitEnd(client, namespace, name);
  }
}
