package dev.tableexport.runner.export;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.S3Prefix;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.manifest.ManifestFiles;
import dev.tableexport.runner.manifest.ManifestSummary;
import dev.tableexport.runner.manifest.Md5;
import dev.tableexport.runner.sink.ExportLayout;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.sink.S3Target;
import dev.tableexport.runner.source.SourceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one export request to its end and describes the outcome: checks, {@code _started}, the data
 * files, then the manifests, the summary last, so that a summary exists only for a complete export.
 * It never throws for a failed export: the failure is in the returned description.
 */
public final class ExportService {

  private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

  /** Finds the table an export request is of; throws {@link ExportFailure} when it cannot. */
  @FunctionalInterface
  public interface TableLookup {
    SourceTable describe(ExportRequest request);
  }

  private final TableLookup tables;
  private final S3Client s3;
  private final ExportPlanner planner;
  private final ExportPipeline.Settings settings;
  private final Clock clock;
  private final RetryPolicy retries;

  /** @param retries how transient failures are retried, each attempt resuming the one before */
  public ExportService(
      DynamoDbClient dynamo,
      S3Client s3,
      ExportPlanner planner,
      ExportPipeline.Settings settings,
      Clock clock,
      RetryPolicy retries) {
    this(request -> describeTable(dynamo, request), s3, planner, settings, clock, retries);
  }

  /** No retries. */
  public ExportService(
      DynamoDbClient dynamo,
      S3Client s3,
      ExportPlanner planner,
      ExportPipeline.Settings settings,
      Clock clock) {
    this(dynamo, s3, planner, settings, clock, RetryPolicy.none());
  }

  /** Exports whose table is known without asking DynamoDB, such as compactions of a chain. */
  public ExportService(
      TableLookup tables,
      S3Client s3,
      ExportPlanner planner,
      ExportPipeline.Settings settings,
      Clock clock,
      RetryPolicy retries) {
    this.tables = tables;
    this.s3 = s3;
    this.planner = planner;
    this.settings = settings;
    this.clock = clock;
    this.retries = retries;
  }

  /** Exports of a table's current state only, eventually consistent scans and no retries. */
  public ExportService(
      DynamoDbClient dynamo, S3Client s3, ExportPipeline.Settings settings, Clock clock) {
    this(dynamo, s3, new CurrentStatePlanner(dynamo, false), settings, clock);
  }

  /**
   * Runs the export, and again after a transient failure (each attempt going on from the
   * checkpoints of those before it) while the retry budget lasts.
   */
  public ExportDescription export(ExportRequest request) {
    var startTime = now();
    var exportId = request.exportId() != null ? request.exportId() : ExportId.generate(startTime);
    var random = new SplittableRandom();
    Instant firstFailure = null;
    for (int attempt = 1; ; attempt++) {
      var description = attempt(request, exportId, startTime);
      if (description.completed() || !FailureCodes.isTransient(description.failureCode())
          || Thread.currentThread().isInterrupted()) {
        return description;
      }
      firstFailure = firstFailure == null ? clock.instant() : firstFailure;
      var delay =
          retries.nextDelay(attempt, Duration.between(firstFailure, clock.instant()), random);
      if (delay.isEmpty()) {
        if (retries.maxAttempts() > 1) {
          LOG.error("Export {} gave up after {} attempts (--retry-attempts {}, --retry-time {})",
              description.exportArn(), attempt, retries.maxAttempts(), retries.maxTime());
        }
        return description;
      }
      LOG.warn("Attempt {} of export {} failed transiently ({}); retrying in {} ms", attempt,
          description.exportArn(), description.failureCode(), delay.get().toMillis());
      try {
        Thread.sleep(delay.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return description;
      }
    }
  }

  private ExportDescription attempt(ExportRequest request, ExportId exportId, Instant startTime) {
    var outcome = new Outcome(request, exportId.exportArn(request.tableArn().arn()), startTime);
    var layout = new ExportLayout(request.s3Prefix(), exportId.value());
    var store =
        new S3ObjectStore(
            s3,
            new S3Target(
                request.s3Bucket(),
                request.s3BucketOwner(),
                request.s3SseAlgorithm(),
                request.s3SseKmsKeyId()));
    try {
      outcome.table = tables.describe(request);
      var plan = planner.plan(request, outcome.table, startTime);
      if (S3Prefix.hasParentSegment(request.s3Prefix())) {
        LOG.warn("--s3-prefix {} has a '..' segment: S3 keeps it as written, but readers that turn"
            + " keys into paths resolve it, and may read or write outside the prefix",
            request.s3Prefix());
      }
      var finished = finishedEarlier(store, layout, outcome);
      if (finished.isPresent()) {
        LOG.info("Export {} had already completed; reporting that export", outcome.exportArn);
        Checkpoints.deleteAll(store, layout);
        return finished.get();
      }
      var resume = resumable(store, layout, outcome);
      return run(plan, new ExportPlan.Context(request, layout, store, settings, resume), outcome);
    } catch (ExportFailure failure) {
      LOG.error("Export {} failed: {}: {}", outcome.exportArn, failure.code(), failure.getMessage());
      return failed(outcome, failure, store, layout);
    } catch (InterruptedException e) {
      var failure = new ExportFailure(FailureCodes.INTERNAL_ERROR, "The export was interrupted");
      var description = failed(outcome, failure, store, layout);
      Thread.currentThread().interrupt();
      return description;
    } catch (RuntimeException e) {
      LOG.error("Export {} failed unexpectedly", outcome.exportArn, e);
      return failed(outcome,
          new ExportFailure(FailureCodes.INTERNAL_ERROR, "The export failed unexpectedly: " + e, e),
          store, layout);
    }
  }

  /**
   * A failed export leaves no incomplete upload: those it began, and any other under its own
   * directory (one a retried CreateMultipartUpload began, whose id the run never saw).
   */
  private ExportDescription failed(
      Outcome outcome, ExportFailure failure, S3ObjectStore store, ExportLayout layout) {
    if (!outcome.writing) {
      return outcome.failed(failure, now());
    }
    int aborted =
        store.abortBegunUploads() + store.abortIncompleteUploadsUnder(layout.exportDirectory());
    if (aborted > 0) {
      LOG.info("Aborted {} incomplete multipart uploads of export {}", aborted, outcome.exportArn);
    }
    return outcome.failed(failure, now());
  }

  /** Times are kept to the millisecond, the precision of manifests and results. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The table, which must be the one the ARN names where the store reports a real ARN. */
  private static SourceTable describeTable(DynamoDbClient dynamo, ExportRequest request) {
    SourceTable table;
    try {
      table = SourceTable.describe(dynamo, request.tableArn());
    } catch (SdkException e) {
      throw FailureTranslator.fromDynamoDb(e, request.tableArn().tableName());
    }
    var contradiction = table.arnContradiction();
    if (contradiction.isPresent()) {
      throw new ExportFailure(
          FailureCodes.VALIDATION,
          "--table-arn "
              + request.tableArn().arn()
              + " is not the table's ARN: the table "
              + request.tableArn().tableName()
              + " at this endpoint is "
              + table.ownArn().orElseThrow().arn()
              + " ("
              + contradiction.get()
              + "). Give the table's own ARN, or point AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB and"
              + " the credentials at the table the ARN names.");
    }
    return table;
  }

  /** A retried run of an export that already wrote its summary reports that export again. */
  private Optional<ExportDescription> finishedEarlier(
      S3ObjectStore store, ExportLayout layout, Outcome outcome) {
    try {
      var summary = store.getIfExists(layout.manifestSummaryKey());
      return summary.map(bytes -> outcome.completedEarlier(parseSummary(bytes, layout), layout));
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, outcome.request.s3Bucket());
    }
  }

  private static ManifestSummary parseSummary(byte[] bytes, ExportLayout layout) {
    try {
      return ManifestSummary.parse(bytes);
    } catch (IOException e) {
      throw new ExportFailure(
          FailureCodes.EXPORT_CONFLICT,
          "The manifest summary at "
              + layout.manifestSummaryKey()
              + " cannot be read; this export ARN was used before. Give a new --export-arn.",
          e);
    }
  }

  /**
   * What earlier attempts of the export left to go on from: the data files their checkpoints
   * name. Everything else they left is removed (files written after the last checkpoint, and
   * multipart uploads a killed process could not abort), so that {@code data/} ends up holding
   * exactly the files the manifest lists.
   */
  private Resume resumable(S3ObjectStore store, ExportLayout layout, Outcome outcome) {
    try {
      var resume = Resume.of(
          Checkpoints.load(store, layout, outcome.request.exportFormat().name()));
      var kept = resume.fileKeys();
      boolean resuming = resume.scan().isPresent();
      int leftovers = store.deleteAllUnder(layout.exportDirectory(), key -> kept.contains(key)
          || resuming && key.startsWith(layout.checkpointDirectory()));
      int uploads = store.abortIncompleteUploadsUnder(layout.exportDirectory());
      if (leftovers > 0 || uploads > 0) {
        LOG.info("Removed {} objects and aborted {} multipart uploads left by an interrupted"
            + " attempt of this export", leftovers, uploads);
      }
      return resume;
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, outcome.request.s3Bucket());
    }
  }

  private ExportDescription run(ExportPlan plan, ExportPlan.Context context, Outcome outcome)
      throws InterruptedException {
    var request = context.request();
    var layout = context.layout();
    outcome.writing = true;
    try {
      context.objects().put(layout.startedKey(), new byte[0]);
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, request.s3Bucket());
    }
    LOG.info("Exporting table {} as {} to s3://{}/{}", request.tableArn().tableName(),
        request.exportFormat(), request.s3Bucket(), layout.exportDirectory());
    var result = plan.run(context, outcome.startTime);
    var files = result.pipeline().files();
    var incremental = result.incremental();
    var summary =
        new ManifestSummary(
            outcome.exportArn,
            outcome.startTime,
            now(),
            request.tableArn().arn(),
            outcome.table.tableId(),
            result.exportTime(),
            request.s3Bucket(),
            request.s3Prefix(),
            sseAlgorithm(request),
            request.s3SseKmsKeyId(),
            layout.manifestFilesKey(),
            result.billedSizeBytes(),
            ManifestFiles.itemCount(files),
            request.exportFormat().name(),
            incremental == null ? null : incremental.exportFromTime(),
            incremental == null ? null : incremental.exportToTime(),
            incremental == null ? null : incremental.exportViewType());
    try {
      writeManifests(context.objects(), layout, files, summary);
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, request.s3Bucket());
    }
    Checkpoints.deleteAll(context.objects(), layout);
    LOG.info("Export {} completed: {} items in {} data files", outcome.exportArn,
        summary.itemCount(), files.size());
    return outcome.completed(summary, layout);
  }

  private static void writeManifests(
      S3ObjectStore store, ExportLayout layout, List<DataFileEntry> files, ManifestSummary summary) {
    var manifestFiles = ManifestFiles.toBytes(files);
    store.put(layout.manifestFilesKey(), manifestFiles);
    store.put(layout.manifestFilesMd5Key(), md5Sidecar(manifestFiles));
    var summaryBytes = summary.toBytes();
    store.put(layout.manifestSummaryMd5Key(), md5Sidecar(summaryBytes));
    store.put(layout.manifestSummaryKey(), summaryBytes);
  }

  private static byte[] md5Sidecar(byte[] manifest) {
    return Md5.base64Of(manifest).getBytes(StandardCharsets.US_ASCII);
  }

  /** What the summary records: the requested algorithm, or S3's default AES256 when none was. */
  private static String sseAlgorithm(ExportRequest request) {
    return request.s3SseAlgorithm() == null ? "AES256" : request.s3SseAlgorithm();
  }

  /** What is known of one export so far, and the descriptions it can end in. */
  private static final class Outcome {

    private final ExportRequest request;
    private final String exportArn;
    private final Instant startTime;
    private SourceTable table;
    private boolean writing;

    Outcome(ExportRequest request, String exportArn, Instant startTime) {
      this.request = request;
      this.exportArn = exportArn;
      this.startTime = startTime;
    }

    ExportDescription completed(ManifestSummary summary, ExportLayout layout) {
      return new ExportDescription(
          exportArn,
          ExportDescription.COMPLETED,
          summary.startTime(),
          summary.endTime(),
          layout.manifestSummaryKey(),
          request.tableArn().arn(),
          summary.tableId(),
          summary.exportTime(),
          request.clientToken(),
          request.s3Bucket(),
          request.s3BucketOwner(),
          request.s3Prefix(),
          summary.s3SseAlgorithm(),
          summary.s3SseKmsKeyId(),
          null,
          null,
          summary.outputFormat(),
          summary.billedSizeBytes(),
          summary.itemCount(),
          request.exportType().name(),
          summary.incremental()
              ? new IncrementalExportSpecification(
                  summary.exportFromTime(), summary.exportToTime(), summary.outputView())
              : null);
    }

    ExportDescription completedEarlier(ManifestSummary summary, ExportLayout layout) {
      if (!exportArn.equals(summary.exportArn())
          || !request.exportFormat().name().equals(summary.outputFormat())) {
        throw new ExportFailure(
            FailureCodes.EXPORT_CONFLICT,
            "Export "
                + exportArn
                + " already exists with other parameters (format "
                + summary.outputFormat()
                + "). Give a new --export-arn, or none to have one generated.");
      }
      return completed(summary, layout);
    }

    ExportDescription failed(ExportFailure failure, Instant endTime) {
      return new ExportDescription(
          exportArn,
          ExportDescription.FAILED,
          startTime,
          endTime,
          null,
          request.tableArn().arn(),
          table == null ? null : table.tableId(),
          request.exportTime(),
          request.clientToken(),
          request.s3Bucket(),
          request.s3BucketOwner(),
          request.s3Prefix(),
          sseAlgorithm(request),
          request.s3SseKmsKeyId(),
          failure.code(),
          failure.getMessage(),
          request.exportFormat().name(),
          null,
          null,
          request.exportType().name(),
          request.incrementalExportSpecification());
    }
  }
}
