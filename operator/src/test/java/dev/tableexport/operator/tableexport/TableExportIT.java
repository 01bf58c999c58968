package dev.tableexport.operator.tableexport;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.operator.api.CompactionOf;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ExportViewType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportScheduleSpec;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.api.TableExportTemplate;
import dev.tableexport.operator.observability.OperatorHttpServer;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.pitr.BackupStore;
import dev.tableexport.runner.testing.CanonicalItems;
import dev.tableexport.runner.testing.StoredExport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator as the chart installs it, on the real control plane (kube-controller-manager runs
 * the Jobs and the recorder's Deployment, the process kubelet runs their pods with the real runner),
 * with DynamoDB Local and S3Proxy for the table and the buckets.
 */
class TableExportIT {

  private static final String TABLE = "orders";
  private static final String BUCKET = "exports";
  private static final StoreLocation STORE = new StoreLocation("backups", "pitr");
  private static final int ITEMS = 500;
  /** Finished exports go this long after they end; the operator runs one export at a time. */
  private static final Duration HISTORY_RETENTION = Duration.ofSeconds(8);

  static KubernetesClient client;
  private static String namespace;

  private static LocalEnvironment local;
  private static OperatorOnControlPlane operator;
  private static OperatorHttpServer http;

  @BeforeAll
  static void startEverything() throws Exception {
    var controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    controlPlane.kubelet();
    namespace = controlPlane.restrictedNamespace("exports");
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    local.s3().createBucket(create -> create.bucket(STORE.bucket()));
    SampleTable.create(local.dynamo(), TABLE);
    SampleTable.fill(local.dynamo(), TABLE, ITEMS);

    var values = OperatorOnControlPlane.localValues(local, Map.of("maxConcurrentExports", "1",
        "historyRetention", HISTORY_RETENTION.toString(), "minIncrementalWindow", "PT0S",
        "runner.jobBackoffLimit", "0", "runner.jobActiveDeadline", "PT10M"));
    operator = OperatorOnControlPlane.start(controlPlane, List.of(namespace), values,
        local.dynamo(), local.s3());
    http = new OperatorHttpServer(0, () -> operator.operator().getRuntimeInfo().isStarted(),
        operator.metrics()::scrape);
    createContinuousBackup(namespace);
    awaitBackupEnabled(namespace);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (http != null) {
      http.close();
    }
    if (operator != null) {
      operator.close();
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
    assertEquals(1, client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", name).list().getItems().size());
    // It may wait a moment in the queue (limit 1) behind an earlier test's export that the
    // operator's cache still shows running.
    assertEquals(List.of("Started", "Completed"),
        eventReasons(name).stream().filter(reason -> !reason.equals("Queued")).toList());
  }

  @Test
  void continuousBackupRunsARecorderDeploymentAndPublishesItsWindow() {
    var backup = client.resources(ContinuousBackup.class).inNamespace(namespace).withName(TABLE).get();
    var window = new BackupStore(local.s3(), STORE, TABLE).readStatus().orElseThrow();

    var status = backup.getStatus();
    assertEquals(window.earliestRestorableDateTime().toString(), status.getEarliestRestorableDateTime());
    assertNotNull(status.getLatestRestorableDateTime());
    assertTrue(status.getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    var deployment = client.apps().deployments().inNamespace(namespace).withName(status.getDeploymentName()).get();
    assertNotNull(deployment, "the recorder Deployment");
    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
    assertEquals(List.of("record", "--table-arn", LocalDynamoDb.tableArn(TABLE), "--store", "s3://backups/pitr",
            "--recovery-period-days", "35", "--enable-stream"),
        deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs());
    assertEquals(TABLE, deployment.getMetadata().getOwnerReferences().getFirst().getName());
    var recorder = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(pod -> pod.getMetadata().getName().startsWith(deployment.getMetadata().getName() + "-"))
        .findFirst().orElseThrow();
    assertEquals("Running", recorder.getStatus().getPhase(), "the real recorder runs in its pod");
    assertEquals(0, recorder.getStatus().getContainerStatuses().getFirst().getRestartCount());
  }

  @Test
  void continuousBackupWhoseRecorderCannotStartIsDegraded() throws Exception {
    var backup = example("continuous-backup.yaml", ContinuousBackup.class);
    backup.getMetadata().setName("cannot-start");
    backup.getSpec().setTableArn(LocalDynamoDb.tableArn("cannot-start"));
    backup.getSpec().getStore().setBucket(STORE.bucket());
    backup.getSpec().getStore().setPrefix("never-recorded");

    withoutChartObject(credentialsSecret(), () -> {
      client.resource(backup).create();
      await("the ContinuousBackup to be Degraded", () -> {
        var status = client.resources(ContinuousBackup.class).inNamespace(namespace)
            .withName("cannot-start").get().getStatus();
        return status != null && status.getConditions() != null && status.getConditions().stream()
            .anyMatch(c -> c.getType().equals("Degraded") && c.getStatus().equals("True")
                && c.getReason().equals("RecorderCannotStart")
                && c.getMessage().contains("cannot start: CreateContainerConfigError"));
      });
      return null;
    });
  }

  @Test
  void secondExportWaitsInTheQueueUntilTheFirstEnds() throws Exception {
    client.resource(tableExport("queue-first", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    client.resource(tableExport("queue-second", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();

    await("the second export to be queued", () -> {
      var second = client.resources(TableExport.class).inNamespace(namespace).withName("queue-second").get();
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

  /** The schedule's retention removes its runs, keeping what its chain needs: not this one. */
  @Test
  void aSchedulesRunIsLeftToItsScheduleByTheHistoryRetention() throws Exception {
    var arn = LocalDynamoDb.tableArn(TABLE);
    var schedule = new TableExportSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withName("suspended").withNamespace(namespace)
        .build());
    var spec = new TableExportScheduleSpec();
    spec.setSchedule("@daily");
    spec.setSuspend(true);
    var template = new TableExportTemplate();
    template.setTableArn(arn);
    template.setS3Bucket(BUCKET);
    spec.setTemplate(template);
    schedule.setSpec(spec);
    var owner = client.resource(schedule).create();
    var run = tableExport("scheduled-run", arn, BUCKET);
    run.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .build()));
    client.resource(run).create();
    assertEquals(ExportStatus.COMPLETED, awaitEnd("scheduled-run").getStatus().getExportStatus());
    client.resource(tableExport("unscheduled", arn, BUCKET)).create();
    awaitEnd("unscheduled");

    await("the export of no schedule to be deleted", () -> client.resources(TableExport.class)
        .inNamespace(namespace).withName("unscheduled").get() == null);

    assertNotNull(client.resources(TableExport.class).inNamespace(namespace)
        .withName("scheduled-run").get(), "ended before the other, and kept");
  }

  @Test
  void finishedExportIsDeletedAfterTheHistoryRetentionAndItsDataStays() throws Exception {
    client.resource(tableExport("short-lived", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    var manifest = awaitEnd("short-lived").getStatus().getExportManifest();

    await("the export to be deleted", () ->
        client.resources(TableExport.class).inNamespace(namespace).withName("short-lived").get() == null);

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
    assertEquals(0, client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "token-again").list().getItems().size(), "nothing ran again");
    assertEquals("ExportConflictException", conflict.getFailureCode());
    assertTrue(conflict.getFailureMessage().contains("token-first"), conflict.getFailureMessage());

    await("the first export to leave the history", () ->
        client.resources(TableExport.class).inNamespace(namespace).withName("token-first").get() == null);
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
      var export = client.resources(TableExport.class).inNamespace(namespace).withName("restarted").get();
      return export.getStatus() != null && export.getStatus().getJobName() != null;
    });

    operator.restart();
    var status = awaitEnd("restarted").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    assertEquals(1, client.batch().v1().jobs().inNamespace(namespace)
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
    assertTrue(metrics.contains("tableexport_recorder_lag_seconds{namespace=\"" + namespace
        + "\",continuousbackup=\"orders\"}"), metrics);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void invalidSpecAndTimeOutsideTheWindowFailWithDynamoDbsCodes() throws Exception {
    var refused = assertThrows(KubernetesClientException.class, () -> client.resource(
        tableExport("bad-bucket", LocalDynamoDb.tableArn(TABLE), "bad bucket!")).create());
    assertEquals(422, refused.getCode(), "the CRD's schema refuses it before the operator sees it");
    assertTrue(refused.getMessage().contains("spec.s3Bucket"), refused.getMessage());
    client.resource(tableExport("two-dots", LocalDynamoDb.tableArn(TABLE), "exports..archive"))
        .create();
    var tooEarly = tableExport("too-early", LocalDynamoDb.tableArn(TABLE), BUCKET);
    tooEarly.getSpec().setExportTime("2020-01-14T10:00:00Z");
    client.resource(tooEarly).create();

    var invalid = awaitEnd("two-dots").getStatus();
    var early = awaitEnd("too-early").getStatus();

    assertEquals("ValidationException", invalid.getFailureCode());
    assertTrue(invalid.getFailureMessage().contains("spec.s3Bucket must be a name S3 accepts"),
        invalid.getFailureMessage());
    assertEquals("InvalidExportTimeException", early.getFailureCode());
    assertTrue(early.getFailureMessage().contains("outside the restorable window"), early.getFailureMessage());
  }

  @Test
  void incrementalExportOfTheRestorableWindowCompletes() throws Exception {
    var window = client.resources(ContinuousBackup.class).inNamespace(namespace).withName(TABLE).get().getStatus();
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

  /**
   * A compaction, as a schedule with compactEvery creates it: a full export and the incremental
   * export that continues it, compacted by the runner's compact command in its Job, hold the
   * items a full export of the table at the link's end holds.
   */
  @Test
  void aCompactionOfAChainEqualsAFullExportAtItsEnd() throws Exception {
    var arn = LocalDynamoDb.tableArn(TABLE);
    client.resource(tableExport("chain-base", arn, BUCKET)).create();
    var base = awaitEnd("chain-base").getStatus();
    assertEquals(ExportStatus.COMPLETED, base.getExportStatus(), base.getFailureMessage());
    var changed = new HashMap<>(SampleTable.item(0));
    changed.put("note", AttributeValue.fromS("changed after the chain's base"));
    local.dynamo().putItem(put -> put.tableName(TABLE).item(changed));
    var written = Instant.now();
    await("the change to be restorable", () -> {
      var latest = client.resources(ContinuousBackup.class).inNamespace(namespace)
          .withName(TABLE).get().getStatus().getLatestRestorableDateTime();
      return latest != null && Instant.parse(latest).isAfter(written.plusSeconds(2));
    });
    var to = client.resources(ContinuousBackup.class).inNamespace(namespace).withName(TABLE).get()
        .getStatus().getLatestRestorableDateTime();
    var link = tableExport("chain-link", arn, BUCKET);
    var window = new IncrementalExportSpecification();
    window.setExportFromTime(base.getExportTime());
    window.setExportToTime(to);
    link.getSpec().setExportType(ExportType.INCREMENTAL_EXPORT);
    link.getSpec().setIncrementalExportSpecification(window);
    client.resource(link).create();
    var full = tableExport("chain-check", arn, BUCKET);
    full.getSpec().setS3Prefix("chain-check"); // found there once its TableExport is deleted
    full.getSpec().setExportTime(to);
    client.resource(full).create();
    var linked = awaitEnd("chain-link").getStatus();
    assertEquals(ExportStatus.COMPLETED, linked.getExportStatus(), linked.getFailureMessage());

    var compaction = tableExport("chain-compaction", arn, BUCKET);
    compaction.getMetadata().setLabels(Map.of("tableexport.dev/compaction", "true"));
    compaction.getSpec().setS3Prefix("compacted");
    compaction.getSpec().setExportTime(to);
    compaction.getSpec().setEngine(Engine.Native);
    var inputs = new CompactionOf();
    inputs.setManifests(List.of("s3://" + BUCKET + "/" + base.getExportManifest(),
        "s3://" + BUCKET + "/" + linked.getExportManifest()));
    compaction.getSpec().setCompactionOf(inputs);
    client.resource(compaction).create();
    var compacted = awaitEnd("chain-compaction").getStatus();
    await("the full export at the link's end", () -> !summaries("chain-check/").isEmpty());
    var expected = stored(summaries("chain-check/").getFirst());

    assertEquals(ExportStatus.COMPLETED, compacted.getExportStatus(),
        compacted.getFailureMessage());
    assertEquals(Engine.Runner, compacted.getEngine(), "whatever spec.engine says");
    assertEquals(Instant.parse(to).truncatedTo(ChronoUnit.MILLIS),
        Instant.parse(compacted.getExportTime()), "to the millisecond, as the summaries hold");
    assertTrue(compacted.getExportManifest().startsWith("compacted/AWSDynamoDB/"),
        compacted.getExportManifest());
    assertEquals(expected.summary().get("itemCount").asLong(), compacted.getItemCount());
    var items = CanonicalItems.multiset(stored(compacted.getExportManifest()).items());
    assertEquals(CanonicalItems.multiset(expected.items()), items, "item for item");
    assertTrue(items.stream().anyMatch(item -> item.contains("changed after the chain's base")));
  }

  private static List<String> summaries(String prefix) {
    return local.s3().listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix(prefix))
        .contents().stream().map(object -> object.key())
        .filter(key -> key.endsWith("/manifest-summary.json")).toList();
  }

  private static StoredExport stored(String manifest) throws IOException {
    var description = ExportResult.parse("{\"ExportDescription\":{\"ExportManifest\":\""
        + manifest + "\"}}").exportDescription();
    return new StoredExport(local.s3(), BUCKET, description);
  }

  @Test
  void jobDeletedWhileItRunsIsCreatedAgainAndTheExportCompletes() throws Exception {
    client.resource(tableExport("job-deleted", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    await("the export's Job", () -> !client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "job-deleted").list().getItems().isEmpty());
    var firstJob = client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "job-deleted").list().getItems().getFirst();

    client.resource(firstJob).delete();
    var status = awaitEnd("job-deleted").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    var jobs = client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "job-deleted").list().getItems();
    assertEquals(1, jobs.size());
    assertTrue(!jobs.getFirst().getMetadata().getUid().equals(firstJob.getMetadata().getUid()),
        "a new Job replaced the deleted one");
    assertTrue(jobs.getFirst().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs()
        .contains(status.getExportArn()), "under the same ExportArn");
  }

  @Test
  void podThatCannotStartFailsTheExportWithoutWaitingForTheJobDeadline() throws Exception {
    var status = withoutChartObject(credentialsSecret(), () -> {
      client.resource(tableExport("cannot-start", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
      return awaitEnd("cannot-start").getStatus();
    });

    assertEquals(ExportStatus.FAILED, status.getExportStatus());
    assertEquals("RunnerCannotStart", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("CreateContainerConfigError"),
        status.getFailureMessage());
    var jobs = client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "cannot-start");
    await("the stuck Job to be suspended", () -> jobs.list().getItems().stream()
        .allMatch(job -> Boolean.TRUE.equals(job.getSpec().getSuspend())));
    assertEquals(1, jobs.list().getItems().size());
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
    assertEquals(0, client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "no-table").list().getItems().size());
    assertEquals(List.of("Failed"), eventReasons("no-table"));
    var warning = client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals("no-table")).findFirst().orElseThrow();
    assertEquals("Warning", warning.getType());
    assertTrue(warning.getMessage().startsWith("TableNotFoundException: "), warning.getMessage());
  }

  private static List<String> eventReasons(String export) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> event.getInvolvedObject().getName().equals(export))
        // In the order they were written: timestamps have whole seconds, revisions do not tie.
        .sorted(Comparator.comparingLong(event -> Long.parseLong(
            event.getMetadata().getResourceVersion())))
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
    var account = client.serviceAccounts().inNamespace(namespace)
        .withName(operator.config().runnerServiceAccount());
    var status = withoutChartObject(account, () -> {
      client.resource(tableExport("no-account", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
      return awaitEnd("no-account").getStatus();
    });

    assertEquals("RunnerCannotStart", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("ServiceAccount tableexport-runner does not"
        + " exist in namespace " + namespace), status.getFailureMessage());
    assertEquals(0, client.batch().v1().jobs().inNamespace(namespace)
        .withLabel("tableexport.dev/export", "no-account").list().getItems().size());
  }

  @Test
  void kubectlWaitsForRealExportsToEndAndListsThem() throws Exception {
    var kubectl = ControlPlane.get().kubectl();
    client.resource(tableExport("waited-on", LocalDynamoDb.tableArn(TABLE), BUCKET)).create();
    client.resource(tableExport("waited-to-fail", LocalDynamoDb.tableArn("missing"), BUCKET))
        .create();
    var complete = kubectl.start("wait", "--for=condition=Complete", "--timeout=60s", "-n",
        namespace, "tableexport/waited-on");
    var failed = kubectl.start("wait", "--for=condition=Failed", "--timeout=60s", "-n",
        namespace, "tableexport/waited-to-fail");

    // Each is listed right after its end: finished exports go after the history retention.
    assertEquals("tableexport.tableexport.dev/waited-to-fail condition met",
        failed.await().ok().strip());
    var failedRow = kubectl.run("get", "tex", "-n", namespace, "waited-to-fail").ok();
    assertEquals("tableexport.tableexport.dev/waited-on condition met",
        complete.await().ok().strip());
    var completedRow = kubectl.run("get", "tex", "-n", namespace, "waited-on").ok();

    assertEquals("FAILED", column(failedRow, "STATUS"));
    assertEquals("", column(failedRow, "ITEMS"));
    assertEquals(LocalDynamoDb.tableArn(TABLE), column(completedRow, "TABLE"));
    assertEquals("Runner", column(completedRow, "ENGINE"));
    assertEquals("COMPLETED", column(completedRow, "STATUS"));
    assertEquals(String.valueOf(ITEMS), column(completedRow, "ITEMS"));
  }

  /** The cell under {@code name} of a one-row kubectl table: columns align with the header. */
  private static String column(String table, String name) {
    var lines = table.lines().toList();
    var header = lines.get(0);
    var row = lines.get(1);
    var start = (header + " ").indexOf(" " + name + " ") + 1;
    assertTrue(start > 0, "no column " + name + " in " + header);
    var next = start + name.length();
    while (next < header.length() && header.charAt(next) == ' ') {
      next++;
    }
    var end = next >= header.length() ? row.length() : Math.min(next, row.length());
    return start >= row.length() ? "" : row.substring(start, end).strip();
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
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    export.setSpec(spec);
    return export;
  }

  /**
   * The table's ContinuousBackup: examples/continuous-backup.yaml (named after the table) with the
   * test's table and store. Its recorder Deployment's pod runs the real recorder; the operator
   * reads the window it publishes in the store.
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

  /**
   * Runs {@code test} while this object the chart installed is gone, then puts it back: pods that
   * start meanwhile miss it, running ones keep what they had.
   */
  private static <R> R withoutChartObject(Resource<? extends HasMetadata> installed,
      Callable<R> test) throws Exception {
    HasMetadata object = installed.get();
    installed.withTimeout(30, TimeUnit.SECONDS).delete();
    try {
      return test.call();
    } finally {
      object.getMetadata().setResourceVersion(null);
      object.getMetadata().setUid(null);
      object.getMetadata().setCreationTimestamp(null);
      object.getMetadata().setManagedFields(null);
      client.resource(object).create();
    }
  }

  private static Resource<Secret> credentialsSecret() {
    return client.secrets().inNamespace(namespace).withName(operator.config().awsCredentialsSecret());
  }

  /** An example of examples/, in the test's namespace. */
  private static <T extends HasMetadata> T example(String file, Class<T> type) throws IOException {
    var example = client.getKubernetesSerialization()
        .unmarshal(Files.readString(Path.of("..", "examples", file)), type);
    example.getMetadata().setNamespace(namespace);
    return example;
  }

  private static TableExport awaitEnd(String name) throws InterruptedException {
    return awaitEnd(namespace, name);
  }

  private static TableExport awaitEnd(String namespace, String name) throws InterruptedException {
    return Awaits.awaitEnd(client, namespace, name);
  }
}
