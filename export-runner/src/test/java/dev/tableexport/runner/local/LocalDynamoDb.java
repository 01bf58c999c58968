package dev.tableexport.runner.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local on a loopback port: in memory, the source of demo, bench and tests; or in a
 * directory, so that a test can stop it and start it again with the same tables.
 */
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
    return start(FreePort.find(), "-inMemory");
  }

  /** One database file in {@code directory} for every client (-sharedDb), kept when stopped. */
  public static LocalDynamoDb startOnDisk(Path directory) throws Exception {
    return startOnDisk(directory, FreePort.find());
  }

  /** The same, on a given port: started again where a stopped one was. */
  public static LocalDynamoDb startOnDisk(Path directory, int port) throws Exception {
    return start(port, "-dbPath", directory.toString(), "-sharedDb");
  }

  private static LocalDynamoDb start(int port, String... storage) throws Exception {
    var arguments = new ArrayList<>(List.of(storage));
    // Telemetry off: it slows start-up and writes a metadata file into the working directory.
    arguments.addAll(List.of("-disableTelemetry", "-port", Integer.toString(port)));
    var server = ServerRunner.createServerFromCommandLineArgs(arguments.toArray(String[]::new));
    server.start();
    return new LocalDynamoDb(server, port);
  }

  public int port() {
    return port;
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
