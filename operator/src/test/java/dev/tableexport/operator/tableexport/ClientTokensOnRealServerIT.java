package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.moto.MotoServer;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import dev.tableexport.operator.testing.TableExports;
import dev.tableexport.operator.testing.TestClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The client-token record (a ConfigMap per namespace) on the real API server, with native exports
 * on moto (quick, no pods) and a clock the test moves past the tokens' 8 hours: many uses keep it
 * small, expired tokens leave it, and a token reused with other parameters is refused until its
 * 8 hours end.
 */
class ClientTokensOnRealServerIT {

  private static final String REGION = "us-east-1";
  private static final String TABLE = "orders";
  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE;
  private static final String BUCKET = "token-exports";
  /** A record holds the spec's digest, the first export's name, its end and its result. */
  private static final int MAX_RECORD_BYTES = 768;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestClock CLOCK = new TestClock(Instant.now());
  private static KubernetesClient client;
  private static String namespace;
  private static MotoServer moto;
  private static OperatorOnControlPlane operator;

  @BeforeAll
  static void startEverything() throws Exception {
    var controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    namespace = controlPlane.restrictedNamespace("tokens");
    moto = MotoServer.start();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto"));
    var dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint())
        .region(Region.of(REGION)).credentialsProvider(credentials).build();
    var s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.of(REGION))
        .forcePathStyle(true).credentialsProvider(credentials).build();
    s3.createBucket(create -> create.bucket(BUCKET));
    MotoServer.createTableWithPitr(dynamo, TABLE);
    var values = Map.of("maxConcurrentExports", "20", "historyRetention", "none",
        "aws.region", REGION, "aws.endpoints.dynamodb", moto.endpoint().toString(),
        "aws.endpoints.s3", moto.endpoint().toString(),
        "nativeExports.firstLook", "PT0.1S", "nativeExports.lookInterval", "PT0.1S");
    operator = OperatorOnControlPlane.start(controlPlane, List.of(namespace), values, dynamo, s3,
        CLOCK);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void manyUsesKeepTheRecordSmallAndTokensPastTheirEightHoursLeaveIt() throws Exception {
    var names = new ArrayList<String>();
    for (int i = 0; i < 12; i++) {
      names.add("many-" + i);
      client.resource(withToken(tableExport("many-" + i, "many-" + i), "many-" + i)).create();
    }
    for (var name : names) {
      assertEquals(ExportStatus.COMPLETED, awaitEnd(name).getExportStatus(), name);
    }

    var records = records();
    for (var name : names) {
      var record = records.get(ClientTokens.key(name));
      assertTrue(record != null, "no record of token " + name + " in " + records.keySet());
      assertTrue(record.length() <= MAX_RECORD_BYTES, record.length() + " bytes: " + record);
      var use = JSON.readTree(record);
      assertEquals(Set.of("parameters", "exportName", "endTime", "result"), fieldNames(use));
      var result = fieldNames(use.get("result"));
      for (var perExport : List.of("conditions", "progress", "jobName", "observedGeneration")) {
        assertFalse(result.contains(perExport), "only what a later use returns: " + result);
      }
    }

    CLOCK.set(CLOCK.instant().plus(ClientTokens.VALIDITY).plus(Duration.ofMinutes(1)));
    client.resource(withToken(tableExport("after-expiry", "after-expiry"), "after-expiry"))
        .create();
    assertEquals(ExportStatus.COMPLETED, awaitEnd("after-expiry").getExportStatus());

    assertEquals(Set.of(ClientTokens.key("after-expiry")), records().keySet(),
        "the tokens of exports that ended more than 8 hours ago are gone");
  }

  @Test
  void aTokenReusedWithOtherParametersIsRefusedForEightHoursAfterItsExportEnded()
      throws Exception {
    client.resource(withToken(tableExport("first-use", "first"), "reused")).create();
    var first = awaitEnd("first-use");
    assertEquals(ExportStatus.COMPLETED, first.getExportStatus(), first.getFailureMessage());
    var ended = Instant.parse(first.getEndTime());

    CLOCK.set(ended.plus(ClientTokens.VALIDITY).minus(Duration.ofMinutes(1)));
    client.resource(withToken(tableExport("other-parameters", "other"), "reused")).create();
    var refused = awaitEnd("other-parameters");

    assertEquals(ExportStatus.FAILED, refused.getExportStatus());
    assertEquals("ExportConflictException", refused.getFailureCode());
    assertEquals("Client token reused was used by export first-use with other parameters within"
        + " the last 8 hours. Use another token, or the same parameters.",
        refused.getFailureMessage());

    CLOCK.set(ended.plus(ClientTokens.VALIDITY).plus(Duration.ofMinutes(1)));
    client.resource(withToken(tableExport("after-eight-hours", "other"), "reused")).create();
    var later = awaitEnd("after-eight-hours");

    assertEquals(ExportStatus.COMPLETED, later.getExportStatus(), later.getFailureMessage());
    assertNotEquals(first.getExportArn(), later.getExportArn(), "a new export, not the first's");
  }

  @Test
  void twoExportsCreatedAtOnceWithOneTokenAndOneSpecAreOneExport() throws Exception {
    client.resource(withToken(tableExport("twin-a", "twins"), "twins")).create();
    client.resource(withToken(tableExport("twin-b", "twins"), "twins")).create();

    var a = awaitEnd("twin-a");
    var b = awaitEnd("twin-b");

    assertEquals(ExportStatus.COMPLETED, a.getExportStatus(), a.getFailureMessage());
    assertEquals(ExportStatus.COMPLETED, b.getExportStatus(), b.getFailureMessage());
    assertEquals(a.getExportArn(), b.getExportArn(), "the token's one export, not two");
  }

  private static Set<String> fieldNames(JsonNode node) {
    var names = new HashSet<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Map<String, String> records() {
    var configMap = client.configMaps().inNamespace(namespace).withName(ClientTokens.CONFIG_MAP)
        .get();
    return configMap.getData();
  }

  private static TableExport withToken(TableExport export, String token) {
    export.getSpec().setClientToken(token);
    return export;
  }

  private static TableExport tableExport(String name, String prefix) {
    return TableExports.named(namespace, name, TABLE_ARN, BUCKET, prefix);
  }

  private static TableExportStatus awaitEnd(String name) throws InterruptedException {
    return Awaits.awaitEnd(client, namespace, name).getStatus();
  }
}
