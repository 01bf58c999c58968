package dev.tableexport.runner.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;

/** DynamoDB Local, in memory, on a free loopback port: the source of demo, bench and tests. */
public final class LocalDynamoDb implements AutoCloseable {

  /** The region and account DynamoDB Local puts in its ARNs. */
  public static final String REGION = "ddblocal";

  private final DynamoDBProxyServer server;
  private final int port;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static LocalDynamoDb start() throws Exception {
    int port = FreePort.find();
    // Telemetry off: it slows start-up and writes a metadata file into the working directory.
    var server =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
    server.start();
    return new LocalDynamoDb(server, port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public static String tableArn(String tableName) {
    return "arn:aws:dynamodb:" + REGION + ":000000000000:table/" + tableName;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
