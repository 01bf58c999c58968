package dev.tableexport.runner.cli;

import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.RunnerExitCodes;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.export.CurrentStatePlanner;
import dev.tableexport.runner.export.ExportArguments;
import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportPlanner;
import dev.tableexport.runner.export.ExportRequestParser;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.export.WorkerShare;
import dev.tableexport.runner.export.RetryPolicy;
import dev.tableexport.runner.pitr.PitrExportPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Exports a table to S3 in DynamoDB's export layout and formats, like"
          + " `aws dynamodb export-table-to-point-in-time`, and prints the outcome as"
          + " `aws dynamodb describe-export` does: {\"ExportDescription\": {...}} on stdout.",
      "Endpoints, region and credentials come the standard AWS SDK way: the default credential"
          + " chain, AWS_REGION (else the table ARN's region), AWS_ENDPOINT_URL_DYNAMODB,"
          + " AWS_ENDPOINT_URL_S3 (path-style addressing when set). Logs go to stderr.",
      "Without --pitr-store, the table's current state is exported: a past --export-time and"
          + " INCREMENTAL_EXPORT fail with PointInTimeRecoveryUnavailableException. With"
          + " --pitr-store (the store of `export-runner record`), a full export is of the table at"
          + " --export-time (default: the latest restorable time), and incremental exports work."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:COMPLETED",
      "1:FAILED, permanently (FailureCode and FailureMessage in the result; ValidationException"
          + " for values that break the API's constraints): a rerun fails the same way",
      "2:usage error: an unknown or missing option",
      "75:FAILED, transiently (DynamoDBUnavailable, DynamoDBTimeout, S3Unavailable, S3Timeout)"
          + " past --retry-attempts or --retry-time: a rerun with the same --export-arn resumes"
    })
final class ExportCommand implements Callable<Integer> {

  /**
   * How long a SIGTERM waits for the export to abort its uploads and report FAILED: within
   * Kubernetes' default 30-second termination grace period.
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(25);

  /** The variable the Job controller sets in each pod of an Indexed Job to the pod's index. */
  static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

  @Option(names = "--table-arn", required = true, paramLabel = "ARN",
      description = "The table to export: arn:aws:dynamodb:<region>:<account>:table/<name>.")
  String tableArn;

  @Option(names = "--s3-bucket", required = true, paramLabel = "BUCKET",
      description = "The bucket to write the export to.")
  String s3Bucket;

  @Option(names = "--s3-prefix", paramLabel = "PREFIX",
      description = "Key prefix for every object of the export.")
  String s3Prefix;

  @Mixin S3WriteOptions written;

  @Option(names = "--export-format", paramLabel = "DYNAMODB_JSON|ION",
      description = "Data format (default: DYNAMODB_JSON).")
  String exportFormat;

  @Option(names = "--export-type", paramLabel = "FULL_EXPORT|INCREMENTAL_EXPORT",
      description = "Export type (default: FULL_EXPORT).")
  String exportType;

  @Option(names = "--export-time", paramLabel = "TIME",
      description = "The time whose state to export (ISO 8601 or epoch seconds); default now.")
  String exportTime;

  @Option(names = "--incremental-export-specification", paramLabel = "SPEC",
      description = "ExportFromTime=<time>,ExportToTime=<time>,ExportViewType="
          + "NEW_AND_OLD_IMAGES|NEW_IMAGE, or the same as JSON, as the AWS CLI takes it.")
  String incrementalExportSpecification;

  @Option(names = "--client-token", paramLabel = "TOKEN",
      description = "Idempotency token, recorded in the result.")
  String clientToken;

  @Option(names = "--export-arn", paramLabel = "ARN",
      description = "The ExportArn to use (<table ARN>/export/<ExportId>); generated as DynamoDB"
          + " does when absent. A rerun with the same ARN completes that one export.")
  String exportArn;

  @Option(names = "--pitr-store", paramLabel = "s3://BUCKET[/PREFIX]",
      description = "The continuous backup that `export-runner record` keeps of the table: exports"
          + " at a past time and incremental exports read it.")
  String pitrStore;

  @Option(names = "--consistent-read",
      description = "Scan the table with strongly consistent reads (twice the read capacity)."
          + " Without it, exports of the current state scan with eventually consistent reads, as"
          + " a scan is fuzzy anyway; exports from --pitr-store read the change log, which makes"
          + " their (eventually consistent) base snapshots exact.")
  boolean consistentRead;

  @Option(names = "--min-incremental-window", paramLabel = "DURATION",
      description = "Shortest incremental export window, ISO 8601. DynamoDB's is 15 minutes, the"
          + " default; tests and small deployments may lower it (default: ${DEFAULT-VALUE}).")
  Duration minIncrementalWindow = Duration.ofMinutes(15);

  @Option(names = "--parallelism", paramLabel = "N",
      description = "Split the export across N workers (1-64), each a run of this command with its"
          + " own --worker-index, as the pods of a Kubernetes Indexed Job: each exports its share"
          + " (scan segments, or keys by hash for exports from --pitr-store) and writes a part"
          + " record; the worker that finds all N parts writes the manifests. With --pitr-store,"
          + " give --export-time (full exports) or ExportToTime (incremental) so that all workers"
          + " export the same time (default: ${DEFAULT-VALUE}).")
  int parallelism = 1;

  @Option(names = "--worker-index", paramLabel = "I",
      description = "Which worker of --parallelism this run is, 0 to N-1 (default: the"
          + " JOB_COMPLETION_INDEX environment variable an Indexed Job's pod has, else 0).")
  Integer workerIndex;

  @Mixin SortOptions sort;

  @Option(names = "--result-file", paramLabel = "PATH",
      description = "Also write the result here, as compact JSON of at most 4,096 bytes, what a"
          + " termination message holds (e.g. /dev/termination-log).")
  Path resultFile;

  @Mixin PipelineOptions pipeline;

  @Mixin RetryOptions retry;

  @Override
  public Integer call() throws IOException {
    var settings = pipeline.settings();
    var retries = retry.policy();
    var readTimeout = retry.readTimeout();
    var arguments =
        new ExportArguments(tableArn, s3Bucket, s3Prefix, written.s3BucketOwner,
            written.s3SseAlgorithm, written.s3SseKmsKeyId, exportFormat, exportType, exportTime, incrementalExportSpecification,
            clientToken, exportArn);
    try (var stop = StopOnSignal.interruptingThisThread(STOP_GRACE)) {
      var result = export(arguments, settings, retries, readTimeout);
      System.out.println(result.toJson());
      if (resultFile != null) {
        Files.writeString(resultFile, result.toTerminationMessage());
      }
      return RunnerExitCodes.of(result.exportDescription());
    }
  }

  private ExportResult export(ExportArguments arguments, ExportPipeline.Settings settings,
      RetryPolicy retries, Duration readTimeout) {
    var clock = Clock.systemUTC();
    try {
      var request = ExportRequestParser.parse(arguments);
      var share = WorkerShare.of(workerIndex(), parallelism);
      if (share.split() && pitrStore != null) {
        requireFixedTime(request);
      }
      var aws = AwsSettings.fromEnvironment(System.getenv());
      var region = request.tableArn().region();
      try (var dynamo = AwsClients.dynamoDb(aws, region, readTimeout);
          var s3 = AwsClients.s3(aws, region, readTimeout)) {
        return new ExportService(dynamo, s3, planner(dynamo, s3), settings, clock, retries)
            .export(request, share);
      }
    } catch (ExportFailure rejected) {
      return new ExportResult(arguments.rejectedDescription(rejected, clock.instant()));
    }
  }

  /** --worker-index, else the index an Indexed Job gives its pod, else 0. */
  private int workerIndex() {
    if (workerIndex != null) {
      return workerIndex;
    }
    var fromJob = System.getenv(JOB_COMPLETION_INDEX);
    if (fromJob == null || fromJob.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(fromJob.trim());
    } catch (NumberFormatException e) {
      throw new ExportFailure(FailureCodes.VALIDATION, "Value '" + fromJob + "' of "
          + JOB_COMPLETION_INDEX + " is not a worker index; give --worker-index.");
    }
  }

  /**
   * Workers that each resolved "the latest restorable time" would export different times: a split
   * export from the store needs the time given.
   */
  private static void requireFixedTime(ExportRequest request) {
    var window = request.incrementalExportSpecification();
    if (request.exportType() == ExportType.FULL_EXPORT && request.exportTime() == null
        || window != null && window.exportToTime() == null) {
      throw new ExportFailure(FailureCodes.VALIDATION, "An export split across workers"
          + " (--parallelism) from --pitr-store needs "
          + (window == null
              ? "--export-time" : "ExportToTime in --incremental-export-specification")
          + ", so that every worker exports the same time; give it.");
    }
  }

  private static int positive(int value, String option) {
    if (value < 1) {
      throw new ExportFailure(
          FailureCodes.VALIDATION,
          "Value '" + value + "' at '" + option + "' failed to satisfy constraint: Member must be"
              + " at least 1");
    }
    return value;
  }

  private ExportPlanner planner(DynamoDbClient dynamo, S3Client s3) {
    if (pitrStore == null) {
      return new CurrentStatePlanner(dynamo, consistentRead);
    }
    var store = StoreLocation.parse(pitrStore).orElseThrow(() -> new ExportFailure(
        FailureCodes.VALIDATION, "Value '" + pitrStore + "' at '--pitr-store' failed to satisfy"
            + " constraint: Member must be s3://BUCKET or s3://BUCKET/PREFIX"));
    return new PitrExportPlanner(s3, new PitrExportPlanner.Settings(store, minIncrementalWindow,
        sort.workDirectory, (long) positive(sort.sortMemoryMib, "--sort-memory-mib") << 20));
  }
}
