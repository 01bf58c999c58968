package dev.tableexport.operator.engine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB's HTTP API (JSON 1.0, {@code X-Amz-Target: DynamoDB_20120810.<Operation>}) answering
 * what a test sets per operation: for what moto does not do (a FAILED export, throttling, limits).
 */
final class FakeDynamoDb implements AutoCloseable {

  record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  static FakeDynamoDb start() {
    try {
      return new FakeDynamoDb();
    } catch (IOException e) {
      throw new IllegalStateException("A local port is always free to bind", e);
    }
  }

  private FakeDynamoDb() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        var operation = exchange.getRequestHeaders().getFirst("X-Amz-Target").replace("DynamoDB_20120810.", "");
        requests.add(operation + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var answer = answers.getOrDefault(operation, error(400, "UnknownOperationException", null));
        var body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
  }

  void answer(String operation, String json) {
    answers.put(operation, new Answer(200, json));
  }

  void fail(String operation, int status, String code, String message) {
    answers.put(operation, error(status, code, message));
  }

  private static Answer error(int status, String code, String message) {
    return new Answer(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\""
        + (message == null ? "" : ",\"message\":\"" + message + "\"") + "}");
  }

  /** Every request, as "Operation {json body}", in order. */
  List<String> requests() {
    return requests;
  }

  /** A client of this fake that does not retry, so that each call is one request. */
  DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")))
        .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
        .build();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
