package dev.tableexport.runner.demo;


import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs DynamoDB Local, or the in-memory stand-in, and S3Proxy (a directory store) until its
 * standard input closes: bench runs the servers in a process of their own this way, so that its
 * heap and CPU figures are the export's alone. Prints {@code dynamodb=<endpoint> s3=<endpoint>}
 * once both are up.
 */
@Command(name = "serve", hidden = true, description = "Runs the embedded servers for bench.")
final class ServeCommand implements Callable<Integer> {

  static final String READY_PREFIX = "dynamodb=";

  @Option(names = "--in-memory-table", paramLabel = "NAME=ITEMS",
      description = "Serve DynamoDB from memory (InMemoryDynamoDb) instead of DynamoDB Local, with"
          + " this table of sample items; repeatable.")
  Map<String, Integer> inMemoryTables = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    var directory = Files.createTempDirectory("tableexport-serve-");
    try (var dynamo = startDynamoDb();
        var s3 = LocalS3.start(LocalS3.directoryStore(directory))) {
      System.out.println(READY_PREFIX + dynamo.endpoint() + " s3=" + s3.endpoint());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
      return 0;
    } finally {
      BenchCommand.deleteRecursively(directory);
    }
  }

  /** A DynamoDB endpoint and what stops it. */
  private record DynamoDbServer(URI endpoint, AutoCloseable server) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  private DynamoDbServer startDynamoDb() throws Exception {
    if (inMemoryTables.isEmpty()) {
      var local = LocalDynamoDb.start();
      return new DynamoDbServer(local.endpoint(), local);
    }
    var memory = InMemoryDynamoDb.start();
    inMemoryTables.forEach((name, items) ->
        memory.addTable(name, SampleTable.KEY_ATTRIBUTES, items, SampleTable::item));
    return new DynamoDbServer(memory.endpoint(), memory);
  }
}
