package dev.tableexport.operator.tableexport;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.moto.CountingProxy;
import dev.tableexport.operator.moto.MotoServer;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The native engine against moto's server, which implements DynamoDB's own export and
 * point-in-time recovery, with the operator as the chart installs it on the real control plane; a counting proxy in front of it says how often the operator called
 * ExportTableToPointInTime. moto answers 500 when S3Prefix is absent, so every export here has one;
 * it does not deduplicate ClientTokens, which makes the count meaningful.
 */
class NativeExportIT {

  private static final String REGION = "us-east-1";
  private static final String TABLE = "orders";
  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE;
  private static final String BUCKET = "native-exports";
  private static ControlPlane controlPlane;
  private static KubernetesClient client;
  private static String namespace;

  private static MotoServer moto;
  private static CountingProxy proxy;
  private static DynamoDbClient dynamo;
  private static S3Client s3;
  private OperatorOnControlPlane operator;

  @BeforeAll
  static void startMoto() throws Exception {
    controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    namespace = controlPlane.restrictedNamespace("native");
    moto = MotoServer.start();
    proxy = new CountingProxy(moto.endpoint());
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto"));
    dynamo = DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(Region.of(REGION))
        .credentialsProvider(credentials).build();
    s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.of(REGION)).forcePathStyle(true)
        .credentialsProvider(credentials).build();
    s3.createBucket(create -> create.bucket(BUCKET));
    dynamo.createTable(create -> create.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S)));
    for (int i = 0; i < 3; i++) {
      var id = "order-" + i;
      dynamo.putItem(put -> put.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id))));
    }
    dynamo.updateContinuousBackups(update -> update.tableName(TABLE)
        .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(true)));
  }

  @AfterAll
  static void stopMoto() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void autoPicksNativeForATableWithPitrAndTheExportCompletesWithWhatMotoReturns() throws Exception {
    operator = startOperator(Duration.ofMillis(100));
    client.resource(tableExport("auto-native")).create();

    var status = awaitEnd("auto-native").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    assertEquals(Engine.Native, status.getEngine());
    // moto's ExportArn nests the table's ARN and says /import/; the operator keeps it as it is.
    assertTrue(status.getExportArn().startsWith("arn:aws:dynamodb:us-east-1:123456789012:table/"
        + TABLE_ARN + "/import/"), status.getExportArn());
    assertEquals(3L, status.getItemCount());
    assertNotNull(status.getStartTime());
    assertNotNull(status.getEndTime(), "moto leaves EndTime out; the operator notes when it saw the end");
    assertTrue(status.getConditions().stream().anyMatch(c -> c.getType().equals(Conditions.QUEUED)
        && c.getMessage().contains("Native engine: spec.engine is Auto and DescribeContinuousBackups says"
            + " PointInTimeRecoveryStatus ENABLED")), status.getConditions().toString());
    assertEquals(0, client.batch().v1().jobs().inNamespace(namespace).list().getItems().size());
    var written = s3.listObjectsV2(list -> list.bucket(BUCKET).prefix("auto-native/AWSDynamoDB/")).contents();
    assertEquals(1, written.size(), "moto writes one data file per export");
  }

  @Test
  void exportTimeOutsideTheStoresWindowFailsWithInvalidExportTimeAndNoCall() throws Exception {
    operator = startOperator(Duration.ofMillis(100));
    int before = proxy.calls("ExportTableToPointInTime");
    var export = tableExport("too-early");
    export.getSpec().setExportTime("2020-01-01T00:00:00Z");
    client.resource(export).create();

    var status = awaitEnd("too-early").getStatus();

    assertEquals(ExportStatus.FAILED, status.getExportStatus());
    assertEquals("InvalidExportTimeException", status.getFailureCode());
    assertTrue(status.getFailureMessage().contains("outside the restorable window"), status.getFailureMessage());
    assertEquals(before, proxy.calls("ExportTableToPointInTime"));
  }

  @Test
  void missingBucketFailsWithTheStoresS3Code() throws Exception {
    operator = startOperator(Duration.ofMillis(100));
    var export = tableExport("no-bucket");
    export.getSpec().setS3Bucket("no-such-bucket");
    client.resource(export).create();

    var status = awaitEnd("no-bucket").getStatus();

    assertEquals(ExportStatus.FAILED, status.getExportStatus());
    assertEquals("S3NoSuchBucket", status.getFailureCode());
    assertEquals("The specified bucket does not exist", status.getFailureMessage());
  }

  @Test
  void operatorRestartedWhileANativeExportRunsFollowsTheSameExportToItsEnd() throws Exception {
    // The first operator would look again only in an hour: to it, the export is still running.
    operator = startOperator(Duration.ofHours(1));
    int before = proxy.calls("ExportTableToPointInTime");
    client.resource(tableExport("restarted")).create();
    await("the native export to start", () -> {
      var export = client.resources(TableExport.class).inNamespace(namespace).withName("restarted").get();
      return export.getStatus() != null && export.getStatus().getExportArn() != null;
    });
    var arn = client.resources(TableExport.class).inNamespace(namespace).withName("restarted").get()
        .getStatus().getExportArn();
    operator.close();

    operator = startOperator(Duration.ofMillis(100));
    var status = awaitEnd("restarted").getStatus();

    assertEquals(ExportStatus.COMPLETED, status.getExportStatus(), status.getFailureMessage());
    assertEquals(arn, status.getExportArn());
    assertEquals(before + 1, proxy.calls("ExportTableToPointInTime"));
  }

  @Test
  void nativeContinuousBackupTurnsPitrOnKeepsItOnAndOffOnDelete() throws Exception {
    operator = startOperator(Duration.ofMillis(100));
    var table = "ledger";
    dynamo.createTable(create -> create.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S)));
    var spec = new ContinuousBackupSpec();
    spec.setTableArn("arn:aws:dynamodb:us-east-1:123456789012:table/" + table);
    spec.setMode(BackupMode.Native);
    spec.setRecoveryPeriodInDays(7);
    spec.setDisableOnDelete(true);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(table).withNamespace(namespace).build());
    backup.setSpec(spec);
    var resource = client.resources(ContinuousBackup.class).inNamespace(namespace).withName(table);
    client.resource(backup).create();

    await("the ContinuousBackup to show moto's window", () -> enabled(resource.get()));
    var described = pitr(table);
    var status = resource.get().getStatus();
    assertEquals(PointInTimeRecoveryStatus.ENABLED, described.pointInTimeRecoveryStatus());
    assertEquals(described.earliestRestorableDateTime().toString(), status.getEarliestRestorableDateTime());
    assertEquals(described.latestRestorableDateTime().toString(), status.getLatestRestorableDateTime());
    assertEquals(7, status.getRecoveryPeriodInDays());
    assertEquals(BackupMode.Native, status.getMode());
    assertNull(status.getDeploymentName());
    assertEquals(0, client.apps().deployments().inNamespace(namespace).list().getItems().size());

    dynamo.updateContinuousBackups(update -> update.tableName(table)
        .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(false)));
    await("the operator to turn PITR on again and say so", () ->
        pitr(table).pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED
            && client.v1().events().inNamespace(namespace).list().getItems().stream()
                .anyMatch(event -> event.getReason().equals("PitrReenabled")
                    && event.getInvolvedObject().getName().equals(table)));

    resource.delete();
    await("PITR to be off once the ContinuousBackup is gone", () -> resource.get() == null
        && pitr(table).pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.DISABLED);
  }

  private static boolean enabled(ContinuousBackup backup) {
    return backup != null && backup.getStatus() != null
        && backup.getStatus().getPointInTimeRecoveryStatus()
            == dev.tableexport.operator.api.PointInTimeRecoveryStatus.ENABLED;
  }

  private static PointInTimeRecoveryDescription pitr(String table) {
    return dynamo.describeContinuousBackups(describe -> describe.tableName(table))
        .continuousBackupsDescription().pointInTimeRecoveryDescription();
  }

  /** The chart's operator, looking at native exports first and then at {@code look}. */
  private static OperatorOnControlPlane startOperator(Duration look) throws Exception {
    var values = Map.of("maxConcurrentExports", "5", "historyRetention", "none",
        "minIncrementalWindow", "PT0S", "aws.region", REGION,
        "aws.endpoints.dynamodb", proxy.endpoint().toString(),
        "aws.endpoints.s3", moto.endpoint().toString(),
        "nativeExports.firstLook", look.toString(), "nativeExports.lookInterval", look.toString());
    return OperatorOnControlPlane.start(controlPlane, List.of(namespace), values, dynamo, s3);
  }

  private static TableExport tableExport(String name) {
    var spec = new TableExportSpec();
    spec.setTableArn(TABLE_ARN);
    spec.setS3Bucket(BUCKET);
    spec.setS3Prefix(name);
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    export.setSpec(spec);
    return export;
  }

  private static TableExport awaitEnd(String name) throws InterruptedException {
    return Awaits.awaitEnd(client, namespace, name);
  }
}
