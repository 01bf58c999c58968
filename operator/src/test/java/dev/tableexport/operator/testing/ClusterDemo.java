package dev.tableexport.operator.testing;

import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code bash .ci/demo-cluster [--keep-running]}: the control plane, the process kubelet, DynamoDB
 * Local and S3Proxy, and the operator as the chart installs it; then the ContinuousBackup and the
 * TableExports of examples/, pointed at the local table and buckets, until each has ended.
 */
public final class ClusterDemo {

  private static final String NAMESPACE = "demo";
  private static final String TABLE = "orders";
  private static final String EXPORTS_BUCKET = "my-dynamodb-exports";
  private static final String BACKUPS_BUCKET = "my-dynamodb-backups";
  private static final int ITEMS = 1_000;
  private static final int CHANGED = 100;
  /** Amazon DynamoDB's native backups need DynamoDB's own PITR, which DynamoDB Local lacks. */
  private static final Set<String> SKIPPED = Set.of("native-continuous-backup.yaml");

  private ClusterDemo() {}

  public static void main(String[] args) throws Exception {
    boolean keepRunning = List.of(args).contains("--keep-running");
    var controlPlane = ControlPlane.get();
    var client = controlPlane.admin();
    controlPlane.kubelet();
    var local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(EXPORTS_BUCKET));
    local.s3().createBucket(create -> create.bucket(BACKUPS_BUCKET));
    SampleTable.create(local.dynamo(), TABLE);
    SampleTable.fill(local.dynamo(), TABLE, ITEMS);
    controlPlane.restrictedNamespaceNamed(NAMESPACE);
    // The demo's window is seconds long; DynamoDB's shortest incremental export is 15 minutes.
    var values = OperatorOnControlPlane.localValues(local, Map.of("minIncrementalWindow", "PT0S"));
    var operator = OperatorOnControlPlane.start(controlPlane, List.of(NAMESPACE), values,
        local.dynamo(), local.s3());
    Runtime.getRuntime().addShutdownHook(new Thread(operator.operator()::stop, "operator-stop"));

    var backup = example("continuous-backup.yaml", ContinuousBackup.class, client);
    backup.getSpec().setTableArn(LocalDynamoDb.tableArn(TABLE));
    backup.getSpec().getStore().setBucket(BACKUPS_BUCKET);
    client.resource(backup).create();
    say("ContinuousBackup " + TABLE + " created: its recorder takes a first snapshot");
    awaitRestorable(client, backup.getMetadata().getName(), Instant.now());
    ship(local, CHANGED);
    var window = awaitRestorable(client, backup.getMetadata().getName(), Instant.now());

    var names = new ArrayList<String>();
    for (var file : examples()) {
      var export = example(file, TableExport.class, client);
      pointAtLocal(export, window);
      client.resource(export).create();
      names.add(export.getMetadata().getName());
      say("TableExport " + export.getMetadata().getName() + " (examples/" + file + ") created");
    }
    for (var name : names) {
      var status = Awaits.awaitEnd(client, NAMESPACE, name).getStatus();
      say(name + ": " + status.getExportStatus() + (status.getExportStatus() == ExportStatus.FAILED
          ? " " + status.getFailureCode() + ": " + status.getFailureMessage() : ""));
    }
    System.out.println(controlPlane.kubectl().run("get", "cbk,tex", "-n", NAMESPACE).ok());
    say("written to s3://" + EXPORTS_BUCKET + ":");
    local.s3().listObjectsV2Paginator(list -> list.bucket(EXPORTS_BUCKET)).contents()
        .forEach(object -> System.out.printf("%10d  %s%n", object.size(), object.key()));
    if (keepRunning) {
      System.out.println();
      System.out.println("Up until Ctrl-C. In another shell:");
      System.out.println("  export KUBECONFIG=" + controlPlane.kubeconfig());
      System.out.println("  export PATH=" + controlPlane.binaries() + ":$PATH");
      System.out.println("  kubectl get cbk,tex -n " + NAMESPACE);
      System.out.println("Table " + LocalDynamoDb.tableArn(TABLE) + " at "
          + local.settings().dynamoDbEndpoint() + ", buckets " + EXPORTS_BUCKET + " and "
          + BACKUPS_BUCKET + " at " + local.settings().s3Endpoint() + " (keys "
          + LocalS3.ACCESS_KEY_ID + " / " + LocalS3.SECRET_ACCESS_KEY + ")");
      Thread.currentThread().join();
    }
    System.exit(0);
  }

  /** Changes the first {@code count} orders, for the incremental exports to find. */
  private static void ship(LocalEnvironment local, int count) {
    for (int i = 0; i < count; i++) {
      var item = new LinkedHashMap<>(SampleTable.item(i));
      item.put("shippedAt", AttributeValue.fromS(Instant.now().toString()));
      local.dynamo().putItem(put -> put.tableName(TABLE).item(item));
    }
    say(count + " orders shipped (changed) after the first snapshot");
  }

  /** The example's table, and its times moved into the backup's restorable window. */
  private static void pointAtLocal(TableExport export, Window window) {
    var spec = export.getSpec();
    spec.setTableArn(LocalDynamoDb.tableArn(TABLE));
    spec.setS3Bucket(EXPORTS_BUCKET);
    if (spec.getExportTime() != null) {
      spec.setExportTime(window.latest());
    }
    if (spec.getExportType() == ExportType.INCREMENTAL_EXPORT) {
      spec.getIncrementalExportSpecification().setExportFromTime(window.earliest());
      spec.getIncrementalExportSpecification().setExportToTime(window.latest());
    }
  }

  private record Window(String earliest, String latest) {}

  /** The backup's window once it reaches past {@code time}. */
  private static Window awaitRestorable(KubernetesClient client, String name, Instant time)
      throws InterruptedException {
    var backup = client.resources(ContinuousBackup.class).inNamespace(NAMESPACE).withName(name);
    Awaits.await("ContinuousBackup " + name + " to reach " + time, () -> {
      var status = backup.get().getStatus();
      return status != null
          && status.getPointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED
          && Instant.parse(status.getLatestRestorableDateTime()).isAfter(time);
    });
    var status = backup.get().getStatus();
    say("ContinuousBackup " + name + " restorable from " + status.getEarliestRestorableDateTime()
        + " to " + status.getLatestRestorableDateTime());
    return new Window(status.getEarliestRestorableDateTime(), status.getLatestRestorableDateTime());
  }

  /** The TableExports of examples/, by file name. */
  private static List<String> examples() throws IOException {
    var names = new ArrayList<String>();
    try (var files = Files.list(RepositoryFiles.find("examples"))) {
      for (var file : files.sorted().toList()) {
        var name = file.getFileName().toString();
        if (name.endsWith(".yaml") && !SKIPPED.contains(name)
            && Files.readString(file).contains("\nkind: TableExport\n")) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static <T extends HasMetadata> T example(String file, Class<T> type,
      KubernetesClient client) throws Exception {
    var example = client.getKubernetesSerialization()
        .unmarshal(Files.readString(RepositoryFiles.find("examples/" + file)), type);
    example.getMetadata().setNamespace(NAMESPACE);
    return example;
  }

  private static void say(String line) {
    System.out.println("demo-cluster: " + line);
  }
}
