package dev.tableexport.operator.tableexport;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.WithConditions;
import dev.tableexport.operator.moto.CountingProxy;
import dev.tableexport.operator.moto.MotoServer;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import dev.tableexport.operator.testing.TableExports;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Operator-side exceptions on the real API server: with the operator's DynamoDB or S3 endpoint
 * down (a proxy in front of moto that closes its port), a TableExport or a ContinuousBackup shows
 * the error in its ReconcileError condition, retried with backoff, and proceeds once the endpoint
 * is back, the condition gone.
 */
class ReconcileErrorOnRealServerIT {

  private static final String REGION = "us-east-1";
  private static final String TABLE = "orders";
  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE;
  private static final String BUCKET = "reconcile-errors";
  private static final String SECRET_KEY = "never-in-a-status-0123456789";
  private static KubernetesClient client;
  private static String namespace;
  private static MotoServer moto;
  private static CountingProxy dynamoEndpoint;
  private static CountingProxy s3Endpoint;
  private static OperatorOnControlPlane operator;

  @BeforeAll
  static void startEverything() throws Exception {
    var controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    namespace = controlPlane.restrictedNamespace("reconcile-errors");
    moto = MotoServer.start();
    dynamoEndpoint = new CountingProxy(moto.endpoint());
    s3Endpoint = new CountingProxy(moto.endpoint());
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIARECONCILEERRORS", SECRET_KEY));
    var dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint.endpoint())
        .region(Region.of(REGION)).credentialsProvider(credentials).build();
    var s3 = S3Client.builder().endpointOverride(s3Endpoint.endpoint()).region(Region.of(REGION))
        .forcePathStyle(true).credentialsProvider(credentials).build();
    s3.createBucket(create -> create.bucket(BUCKET));
    MotoServer.createTableWithPitr(dynamo, TABLE);
    var values = Map.of("historyRetention", "none", "aws.region", REGION,
        "aws.endpoints.dynamodb", dynamoEndpoint.endpoint().toString(),
        "aws.endpoints.s3", s3Endpoint.endpoint().toString(),
        "nativeExports.firstLook", "PT0.1S", "nativeExports.lookInterval", "PT0.1S");
    operator = OperatorOnControlPlane.start(controlPlane, List.of(namespace), values, dynamo, s3);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (operator != null) {
      operator.close();
    }
    for (var closeable : new AutoCloseable[] {dynamoEndpoint, s3Endpoint, moto}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void exportWhoseTableCannotBeDescribedShowsTheErrorAndCompletesOnceDynamoDbIsBack()
      throws Exception {
    var exports = client.resources(TableExport.class).inNamespace(namespace);
    operator.duringFault(() -> {
      dynamoEndpoint.goDown();
      exports.resource(TableExports.named(namespace, "endpoint-down", TABLE_ARN, BUCKET,
          "endpoint-down")).create();

      var error = awaitRetriedError(() -> exports.withName("endpoint-down").get());
      assertEquals("SdkClientException", error.getReason());
      assertTrue(error.getMessage().contains("Unable to execute HTTP request"), error.getMessage());
      assertNull(exports.withName("endpoint-down").get().getStatus().getExportStatus(),
          "an outage is no outcome of the export");

      dynamoEndpoint.comeBack();
      await("the export to end without the error", () -> {
        var export = exports.withName("endpoint-down").get();
        return export.getStatus().getExportStatus() == ExportStatus.COMPLETED
            && reconcileError(export).isEmpty();
      });
    });

    var status = exports.withName("endpoint-down").get().getStatus();
    assertNotNull(status.getExportArn(), status.toString());
  }

  @Test
  void backupWhoseStoreCannotBeReadShowsTheErrorAndProceedsOnceS3IsBack() throws Exception {
    var backups = client.resources(ContinuousBackup.class).inNamespace(namespace);
    operator.duringFault(() -> {
      s3Endpoint.goDown();
      backups.resource(recorderBackup("store-down")).create();

      var error = awaitRetriedError(() -> backups.withName("store-down").get());
      assertEquals("SdkClientException", error.getReason());
      assertTrue(error.getMessage().contains("Unable to execute HTTP request"), error.getMessage());

      s3Endpoint.comeBack();
      await("the backup's status without the error", () -> {
        var backup = backups.withName("store-down").get();
        return reconcileError(backup).isEmpty() && backup.getStatus().getDeploymentName() != null;
      });
    });

    var conditions = backups.withName("store-down").get().getStatus().getConditions();
    assertTrue(conditions.stream().anyMatch(c -> c.getType().equals(Conditions.READY)),
        conditions.toString());
  }

  /**
   * The resource's ReconcileError condition once JOSDK has retried at least once, without the
   * secret key of the operator's credentials.
   */
  private static Condition awaitRetriedError(Supplier<?> resource)
      throws InterruptedException {
    await("a retried ReconcileError condition", () -> reconcileError(resource.get())
        .filter(c -> c.getMessage().contains("retried with backoff")
            && !c.getMessage().contains("(attempt 1;"))
        .isPresent());
    var error = reconcileError(resource.get()).orElseThrow();
    assertEquals("True", error.getStatus());
    assertFalse(error.getMessage().contains(SECRET_KEY), error.getMessage());
    return error;
  }

  /** The ReconcileError condition of a TableExport or a ContinuousBackup. */
  private static Optional<Condition> reconcileError(Object resource) {
    WithConditions status = switch (resource) {
      case TableExport export -> export.getStatus();
      case ContinuousBackup backup -> backup.getStatus();
      default -> throw new IllegalArgumentException(resource.toString());
    };
    return status == null || status.getConditions() == null ? Optional.empty()
        : status.getConditions().stream()
            .filter(c -> c.getType().equals(Conditions.RECONCILE_ERROR)).findFirst();
  }

  private static ContinuousBackup recorderBackup(String name) {
    var store = new BackupStore();
    store.setBucket(BUCKET);
    store.setPrefix(name);
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(TABLE_ARN);
    spec.setMode(BackupMode.Recorder);
    spec.setStore(store);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    backup.setSpec(spec);
    return backup;
  }
}
