package dev.tableexport.operator.observability;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.OperatorOnControlPlane;
import dev.tableexport.operator.testing.TableExports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * /healthz and /readyz of the operator as the chart runs it (leader election on), served as
 * OperatorMain serves them, while the real API server goes away and comes back. The test's
 * exports never reach AWS: the clients point at a closed port.
 */
class OperatorHealthOnRealServerIT {

  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ControlPlane controlPlane;
  private static String namespace;
  private static OperatorOnControlPlane operator;
  private static OperatorHttpServer probes;

  @BeforeAll
  static void startOperator() throws IOException {
    controlPlane = ControlPlane.get();
    namespace = controlPlane.restrictedNamespace("health");
    var dynamo = DynamoDbClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    var s3 = S3Client.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    operator = OperatorOnControlPlane.start(controlPlane, List.of(namespace), Map.of(), dynamo, s3);
    probes = new OperatorHttpServer(0, operator.health(), operator.metrics()::scrape);
  }

  @AfterAll
  static void stopOperator() {
    if (probes != null) {
      probes.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void probesFailWhileTheApiServerIsDownAndPassOnceItIsBack() throws Exception {
    // A standby answers 200 too: wait until this operator has taken the lease.
    await("the probes to pass once the operator leads", () -> status("/healthz") == 200
        && status("/readyz") == 200 && body("/readyz").equals("ready\n"));

    operator.duringFault(() -> {
      controlPlane.withApiServerDown(() -> {
        await("both probes to fail", () -> status("/healthz") != 200 && status("/readyz") != 200);
        assertTrue(body("/healthz").startsWith("unhealthy event sources: "), body("/healthz"));
        // The lease cannot be renewed either: losing it must not make the replica look healthy.
        await("the operator to stop leading", () -> operator.logShows("Stopped leading"));
        assertNotEquals(200, status("/healthz"), body("/healthz"));
        assertNotEquals(200, status("/readyz"), body("/readyz"));
      });
      await("the probes to pass again", () -> status("/healthz") == 200
          && status("/readyz") == 200);
    });

    // The operator's validator refuses the bucket name before it asks AWS anything.
    controlPlane.admin().resource(TableExports.named(namespace, "after-outage",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "exports..archive", null)).create();
    var status = Awaits.awaitEnd(controlPlane.admin(), namespace, "after-outage").getStatus();
    assertEquals(ExportStatus.FAILED, status.getExportStatus(), "the operator reconciles again");
    assertEquals("ValidationException", status.getFailureCode());
  }

  private static int status(String path) {
    return get(path).statusCode();
  }

  private static String body(String path) {
    return get(path).body();
  }

  private static HttpResponse<String> get(String path) {
    try {
      var uri = URI.create("http://127.0.0.1:" + probes.port() + path);
      return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
