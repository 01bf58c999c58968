package dev.tableexport.operator.continuousbackup;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.StoreLocation;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.pitr.BackupStore;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How often a recording ContinuousBackup's status is written, on the real API server with the
 * real recorder in its pod: its latest restorable time moves with every status the recorder
 * publishes (every 5 seconds), and the operator writes it at most once a minute; a real change is
 * written at once.
 */
class StatusWritesOnRealServerIT {

  private static final String TABLE = "ledger";
  private static final StoreLocation STORE = new StoreLocation("status-writes", "pitr");
  /** How far the published window moves while the writes are counted. */
  private static final Duration WATCHED = Duration.ofSeconds(30);
  private static KubernetesClient client;
  private static String namespace;
  private static LocalEnvironment local;
  private static OperatorOnControlPlane operator;

  @BeforeAll
  static void startEverything() throws Exception {
    var controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    controlPlane.kubelet();
    namespace = controlPlane.restrictedNamespace("status-writes");
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(STORE.bucket()));
    SampleTable.create(local.dynamo(), TABLE);
    SampleTable.fill(local.dynamo(), TABLE, 10);
    operator = OperatorOnControlPlane.start(controlPlane, List.of(namespace),
        OperatorOnControlPlane.localValues(local, Map.of()), local.dynamo(), local.s3());
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (local != null) {
      local.close();
    }
  }

  @Test
  void theMovingWindowIsWrittenAtMostOnceAMinuteAndARealChangeAtOnce() throws Exception {
    var backup = client.resources(ContinuousBackup.class).inNamespace(namespace).withName(TABLE);
    client.resource(continuousBackup()).create();
    await("the backup to be recording", () -> backup.get().getStatus() != null
        && backup.get().getStatus().getPointInTimeRecoveryStatus()
            == PointInTimeRecoveryStatus.ENABLED);
    var enabled = backup.get();
    var latest = Instant.parse(enabled.getStatus().getLatestRestorableDateTime());

    var writes = new AtomicInteger();
    try (var watch = watchModifications(backup, enabled.getMetadata().getResourceVersion(),
        writes)) {
      var store = new BackupStore(local.s3(), STORE, TABLE);
      await("the recorder to publish a window " + WATCHED + " past the status's", () ->
          store.readStatus().orElseThrow().latestRestorableDateTime()
              .isAfter(latest.plus(WATCHED)));
      assertTrue(writes.get() <= 1, writes.get() + " status writes while the window moved "
          + WATCHED + ": the latest restorable time alone is written once a minute at most");

      var generation = enabled.getMetadata().getGeneration();
      backup.edit(changed -> {
        changed.getSpec().setRecoveryPeriodInDays(7);
        return changed;
      });
      await("the new generation in the status", Duration.ofSeconds(20), () ->
          backup.get().getStatus().getObservedGeneration() > generation);
    }
  }

  /** Counts the backup's MODIFIED events after {@code resourceVersion}. */
  private static AutoCloseable watchModifications(Resource<ContinuousBackup> backup,
      String resourceVersion, AtomicInteger modified) {
    return backup.watch(new ListOptionsBuilder().withResourceVersion(resourceVersion).build(),
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, ContinuousBackup resource) {
            if (action == Action.MODIFIED) {
              modified.incrementAndGet();
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
  }

  /** examples/continuous-backup.yaml, for the test's table and store. */
  private static ContinuousBackup continuousBackup() throws Exception {
    var backup = client.getKubernetesSerialization().unmarshal(
        Files.readString(Path.of("..", "examples", "continuous-backup.yaml")),
        ContinuousBackup.class);
    backup.setMetadata(new ObjectMetaBuilder().withName(TABLE).withNamespace(namespace).build());
    backup.getSpec().setTableArn(LocalDynamoDb.tableArn(TABLE));
    backup.getSpec().getStore().setBucket(STORE.bucket());
    backup.getSpec().getStore().setPrefix(STORE.prefix());
    return backup;
  }
}
