package dev.tableexport.runner.compact;

import dev.tableexport.contract.AwsTimestamps;
import dev.tableexport.contract.ExportDescription;
import dev.tableexport.runner.export.ExportArguments;
import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequestParser;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Compacts a chain of exports into a new full export: reads and checks the chain, then runs a full
 * export of its table at its end through {@link ExportService}, whose items come from the chain
 * instead of the table. It never throws for a refused chain or a failed export: the failure is in
 * the returned description.
 */
public final class CompactService {

  /**
   * @param workDirectory where the merge spills sorted runs
   * @param sortMemoryBytes how much of the heap the merge may hold before it spills
   */
  public record Settings(
      Path workDirectory, long sortMemoryBytes, ExportPipeline.Settings pipeline) {}

  /**
   * Where the new export goes, as given; the bucket owner and encryption as for an export (null
   * for none).
   *
   * @param exportFormat null for the full export's format
   * @param exportArn null to have one generated
   */
  public record Target(String s3Bucket, String s3Prefix, String exportFormat, String exportArn,
      String s3BucketOwner, String s3SseAlgorithm, String s3SseKmsKeyId) {

    public Target(String s3Bucket, String s3Prefix, String exportFormat, String exportArn) {
      this(s3Bucket, s3Prefix, exportFormat, exportArn, null, null, null);
    }
  }

  private final S3Client s3;
  private final Settings settings;
  private final Clock clock;

  public CompactService(S3Client s3, Settings settings, Clock clock) {
    this.s3 = s3;
    this.settings = settings;
    this.clock = clock;
  }

  public ExportDescription compact(List<ManifestLocation> manifests, Target target) {
    ExportChain chain;
    try {
      chain = ExportChain.read(s3, manifests);
    } catch (ExportFailure rejected) {
      return arguments(target, null).rejectedDescription(rejected, clock.instant());
    }
    var arguments = arguments(target, chain);
    try {
      var request = ExportRequestParser.parse(arguments);
      var planner = new CompactPlanner(chain, new ChainMerge(s3, chain, settings.workDirectory(),
          settings.sortMemoryBytes()));
      return new ExportService(planner::table, s3, planner, settings.pipeline(), clock,
          RetryPolicy.none())
          .export(request);
    } catch (ExportFailure rejected) {
      return arguments.rejectedDescription(rejected, clock.instant());
    }
  }

  /** The export request a compaction makes: a full export of the chain's table at its end. */
  private static ExportArguments arguments(Target target, ExportChain chain) {
    var format = target.exportFormat() != null || chain == null
        ? target.exportFormat() : chain.base().summary().outputFormat();
    return new ExportArguments(
        chain == null ? null : chain.base().summary().tableArn(),
        target.s3Bucket(), target.s3Prefix(), target.s3BucketOwner(), target.s3SseAlgorithm(),
        target.s3SseKmsKeyId(), format, "FULL_EXPORT",
        chain == null ? null : AwsTimestamps.format(chain.exportTime()), null, null,
        target.exportArn());
  }
}
