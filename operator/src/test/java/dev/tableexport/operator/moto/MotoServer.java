package dev.tableexport.operator.moto;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * moto's server ({@code moto_server}, from {@code pip install 'moto[server]'}) on a free port of
 * 127.0.0.1: DynamoDB's and S3's HTTP APIs, native export and point-in-time recovery included.
 */
public final class MotoServer implements AutoCloseable {

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var log = Files.createTempFile("moto-server", ".log");
    Process process;
    try {
      process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("moto_server is not on the PATH: pip install 'moto[server]'", e);
    }
    var server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
    server.awaitAnswer(log);
    return server;
  }

  /**
   * Creates {@code table} (key {@code id}, a string) with point-in-time recovery on, so that the
   * operator's Auto engine picks Native for it.
   */
  public static void createTableWithPitr(DynamoDbClient dynamo, String table) {
    dynamo.createTable(create -> create.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(attribute -> attribute.attributeName("id")
            .attributeType(ScalarAttributeType.S)));
    dynamo.updateContinuousBackups(update -> update.tableName(table)
        .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(true)));
  }

  public URI endpoint() {
    return endpoint;
  }

  private void awaitAnswer(Path log) throws IOException, InterruptedException {
    var http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto_server exited at start (pip install 'moto[server]'?): "
            + Files.readString(log));
      }
      try {
        http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("moto_server did not answer within 30 s: " + Files.readString(log), e);
        }
        Thread.sleep(50);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
