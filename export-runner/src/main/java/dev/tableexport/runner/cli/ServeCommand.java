package dev.tableexport.runner.cli;

import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalS3;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Runs DynamoDB Local and S3Proxy (a directory store) until its standard input closes: bench runs
 * the servers in a process of their own this way, so that its heap figures are the export's
 * alone. Prints {@code dynamodb=<endpoint> s3=<endpoint>} once both are up.
 */
@Command(name = "serve", hidden = true, description = "Runs the embedded servers for bench.")
final class ServeCommand implements Callable<Integer> {

  static final String READY_PREFIX = "dynamodb=";

  @Override
  public Integer call() throws Exception {
    var directory = Files.createTempDirectory("tableexport-serve-");
    try (var dynamo = LocalDynamoDb.start();
        var s3 = LocalS3.start(LocalS3.directoryStore(directory))) {
      System.out.println(READY_PREFIX + dynamo.endpoint() + " s3=" + s3.endpoint());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
      return 0;
    } finally {
      BenchCommand.deleteRecursively(directory);
    }
  }
}
