package dev.tableexport.runner.demo;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.export.ExportId;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the whole export on embedded servers, with nothing to install: starts DynamoDB Local"
          + " and an S3 server (S3Proxy) storing under a directory, creates a sample table with"
          + " every attribute type, exports it in DYNAMODB_JSON and in ION; then records the"
          + " table's stream, changes some items, and exports the table as it was before the"
          + " changes and the changes alone (incremental). It prints each ExportDescription and"
          + " the objects written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every export COMPLETED", "1:an export FAILED", "2:usage error"})
final class DemoCommand implements Callable<Integer> {

  private static final String TABLE = "demo-orders";
  private static final String BUCKET = "demo-exports";

  @Option(names = "--items", paramLabel = "N", description = "Items in the sample table (default: ${DEFAULT-VALUE}).")
  int items = 10_000;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the S3 server stores objects (default: a new temporary directory).")
  Path dataDirectory;

  @Option(names = "--keep-running",
      description = "Leave both servers up after the exports, print their endpoints, and wait for Ctrl-C.")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    var out = System.out;
    var directory = dataDirectory != null ? Files.createDirectories(dataDirectory)
        : Files.createTempDirectory("tableexport-demo-");
    out.println("S3 objects are stored under " + directory.toAbsolutePath());
    var environment = LocalEnvironment.start(LocalS3.directoryStore(directory));
    try {
      environment.s3().createBucket(create -> create.bucket(BUCKET));
      SampleTable.create(environment.dynamo(), TABLE);
      out.printf("Writing %,d sample items to table %s...%n", items, TABLE);
      SampleTable.fill(environment.dynamo(), TABLE, items);
      boolean allCompleted = true;
      var service = new ExportService(environment.dynamo(), environment.s3(),
          ExportPipeline.Settings.defaults(), Clock.systemUTC());
      for (var format : ExportFormat.values()) {
        out.printf("%nExporting as %s:%n", format);
        var description = service.export(request(format));
        out.println(new ExportResult(description).toJson());
        allCompleted &= description.completed();
      }
      allCompleted &= new PointInTimeDemo(environment, TABLE, BUCKET, items, out).run();
      printObjects(environment, directory, out);
      printHowToLook(environment, directory, out);
      if (keepRunning) {
        waitForInterrupt(environment, out);
      }
      return allCompleted ? 0 : 1;
    } finally {
      environment.close();
    }
  }

  private static ExportRequest request(ExportFormat format) {
    var tableArn = TableArn.parse(LocalDynamoDb.tableArn(TABLE)).orElseThrow();
    return new ExportRequest(tableArn, BUCKET, "demo", null, null, null, format,
        ExportType.FULL_EXPORT, null, null, null, (ExportId) null);
  }

  private static void printObjects(LocalEnvironment environment, Path directory, PrintStream out) {
    out.printf("%nObjects in s3://%s (files under %s):%n", BUCKET, directory.resolve(BUCKET));
    environment.s3().listObjectsV2Paginator(list -> list.bucket(BUCKET)).contents()
        .forEach(object -> out.printf("  %10d  %s%n", object.size(), object.key()));
  }

  private static void printHowToLook(LocalEnvironment environment, Path directory, PrintStream out) {
    out.printf("%nTo look at them with the AWS CLI, run the demo with --keep-running and then:%n");
    out.printf("  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=%s%n",
        LocalS3.ACCESS_KEY_ID, LocalS3.SECRET_ACCESS_KEY, LocalDynamoDb.REGION);
    out.printf("  aws --endpoint-url %s s3 ls --recursive s3://%s/%n", environment.settings().s3Endpoint(), BUCKET);
    out.printf("  aws --endpoint-url %s s3 cp s3://%s/<data file key> - | gunzip | head%n",
        environment.settings().s3Endpoint(), BUCKET);
    out.printf("Or read the files directly: find %s -name '*.gz' | head -1 | xargs gunzip -c | head%n",
        directory.resolve(BUCKET));
  }

  private static void waitForInterrupt(LocalEnvironment environment, PrintStream out)
      throws InterruptedException {
    var settings = environment.settings();
    out.printf("%nServers are running; press Ctrl-C to stop them.%n");
    out.printf("  DynamoDB Local: %s  (table %s)%n", settings.dynamoDbEndpoint(), TABLE);
    out.printf("  S3:             %s  (bucket %s)%n", settings.s3Endpoint(), BUCKET);
    new CountDownLatch(1).await(); // until Ctrl-C ends the process
  }
}
