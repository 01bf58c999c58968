package dev.tableexport.runner.cli;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.compact.CompactService;
import dev.tableexport.runner.compact.ManifestLocation;
import dev.tableexport.runner.export.ExportPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Turns a chain of exports into one full export, reading only S3, never the table: a full"
          + " export, then incremental exports that each start where the one before ended, in that"
          + " order. Writes a new full export in DynamoDB's layout and format of the table as of"
          + " the last link's exportToTime, and prints {\"ExportDescription\": {...}} on stdout as"
          + " `export` does.",
      "Endpoints, region and credentials come the standard AWS SDK way (AWS_ENDPOINT_URL_S3,"
          + " AWS_REGION, the default credential chain). Logs go to stderr."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:COMPLETED",
      "1:FAILED (FailureCode and FailureMessage in the result): a gap or an overlap in the chain,"
          + " exports of other tables, a manifest or data file missing, unreadable or not matching"
          + " its checksum",
      "2:usage error: an unknown or missing option, a --manifest that is no s3:// URI of a"
          + " manifest-summary.json"
    })
final class CompactCommand implements Callable<Integer> {

  /** S3 needs a region to sign with before any manifest names the table's. */
  private static final String FALLBACK_REGION = "us-east-1";

  @Spec CommandSpec command;

  @Option(names = "--manifest", required = true, paramLabel = "s3://BUCKET/KEY",
      description = "An export's manifest-summary.json; repeat it: the full export first, then"
          + " its incremental exports, oldest first.")
  List<String> manifests;

  @Option(names = "--s3-bucket", required = true, paramLabel = "BUCKET",
      description = "The bucket to write the new full export to.")
  String s3Bucket;

  @Option(names = "--s3-prefix", paramLabel = "PREFIX",
      description = "Key prefix for every object of the new export.")
  String s3Prefix;

  @Option(names = "--export-format", paramLabel = "DYNAMODB_JSON|ION",
      description = "Data format of the new export (default: the full export's).")
  String exportFormat;

  @Mixin S3WriteOptions written;

  @Option(names = "--export-arn", paramLabel = "ARN",
      description = "The ExportArn to use (<table ARN>/export/<ExportId>); generated when absent."
          + " A rerun with the same ARN completes that one export.")
  String exportArn;

  @Mixin SortOptions sort;

  @Option(names = "--result-file", paramLabel = "PATH",
      description = "Also write the JSON result here (e.g. /dev/termination-log).")
  Path resultFile;

  @Override
  public Integer call() throws IOException {
    var locations = manifests.stream().map(this::location).toList();
    if (sort.sortMemoryMib < 1) {
      throw new ParameterException(command.commandLine(),
          "Invalid value " + sort.sortMemoryMib + " for --sort-memory-mib: give at least 1.");
    }
    try (var stop = StopOnSignal.interruptingThisThread(ExportCommand.STOP_GRACE)) {
      var description = compact(locations);
      var json = new ExportResult(description).toJson();
      System.out.println(json);
      if (resultFile != null) {
        Files.writeString(resultFile, json);
      }
      return description.completed() ? 0 : 1;
    }
  }

  private ManifestLocation location(String uri) {
    return ManifestLocation.parse(uri).orElseThrow(() -> new ParameterException(
        command.commandLine(), "--manifest must be s3://BUCKET/KEY of an export's"
            + " manifest-summary.json (such as s3://exports/AWSDynamoDB/01768385930622-efd1a093/"
            + "manifest-summary.json), not '" + uri + "'"));
  }

  private ExportDescription compact(List<ManifestLocation> locations) {
    try (var s3 = AwsClients.s3(AwsSettings.fromEnvironment(System.getenv()), FALLBACK_REGION)) {
      var settings = new CompactService.Settings(sort.workDirectory, (long) sort.sortMemoryMib << 20,
          ExportPipeline.Settings.defaults());
      return new CompactService(s3, settings, Clock.systemUTC()).compact(locations,
          new CompactService.Target(s3Bucket, s3Prefix, exportFormat, exportArn,
              written.s3BucketOwner, written.s3SseAlgorithm, written.s3SseKmsKeyId));
    }
  }
}
