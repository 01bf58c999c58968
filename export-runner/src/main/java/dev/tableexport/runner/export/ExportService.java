package dev.tableexport.runner.export;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
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
import java.util.function.Supplier;
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
  /** DynamoDB bills an incremental export at least this much. */
  static final long MINIMUM_INCREMENTAL_BILLED_BYTES = 10_000_000;

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
    return export(request, WorkerShare.ALONE).exportDescription();
  }

  /**
   * Runs this worker's share of the export as {@link #export(ExportRequest)} runs the whole; the
   * result says whether it describes the whole export (its manifests exist: this worker wrote
   * them, or found them) or this worker's part only.
   */
  public ExportResult export(ExportRequest request, WorkerShare share) {
    var startTime = now();
    var exportId = request.exportId() != null ? request.exportId() : ExportId.generate(startTime);
    var random = new SplittableRandom();
    Instant firstFailure = null;
    for (int attempt = 1; ; attempt++) {
      var result = attempt(request, share, exportId, startTime);
      var description = result.exportDescription();
      if (description.completed() || !FailureCodes.isTransient(description.failureCode())
          || Thread.currentThread().isInterrupted()) {
        return result;
      }
      firstFailure = firstFailure == null ? clock.instant() : firstFailure;
      var delay =
          retries.nextDelay(attempt, Duration.between(firstFailure, clock.instant()), random);
      if (delay.isEmpty()) {
        if (retries.maxAttempts() > 1) {
          LOG.error("Export {} gave up after {} attempts (--retry-attempts {}, --retry-time {})",
              description.exportArn(), attempt, retries.maxAttempts(), retries.maxTime());
        }
        return result;
      }
      LOG.warn("Attempt {} of export {} failed transiently ({}); retrying in {} ms", attempt,
          description.exportArn(), description.failureCode(), delay.get().toMillis());
      try {
        Thread.sleep(delay.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result;
      }
    }
  }

  private ExportResult attempt(
      ExportRequest request, WorkerShare share, ExportId exportId, Instant startTime) {
    var outcome =
        new Outcome(request, share, exportId.exportArn(request.tableArn().arn()), startTime);
    var layout =
        new ExportLayout(request.s3Prefix(), exportId.value(), share.index(), share.count());
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
        return outcome.whole(finished.get());
      }
      var parts = new ExportParts(store, layout);
      var part = layout.split() ? s3(outcome, parts::own) : Optional.<ExportPart>empty();
      if (part.isPresent()) {
        LOG.info("Export {}: {} had already written its part", outcome.exportArn, share);
        return completeSplit(parts, part.get(), store, layout, outcome);
      }
      var resume = resumable(store, layout, outcome);
      return run(plan,
          new ExportPlan.Context(request, layout, store, settings, resume, share), outcome);
    } catch (ExportFailure failure) {
      LOG.error("Export {} failed: {}: {}", outcome.exportArn, failure.code(), failure.getMessage());
      return outcome.part(failed(outcome, failure, store, layout));
    } catch (InterruptedException e) {
      var failure = new ExportFailure(FailureCodes.INTERNAL_ERROR, "The export was interrupted");
      var description = failed(outcome, failure, store, layout);
      Thread.currentThread().interrupt();
      return outcome.part(description);
    } catch (RuntimeException e) {
      LOG.error("Export {} failed unexpectedly", outcome.exportArn, e);
      return outcome.part(failed(outcome,
          new ExportFailure(FailureCodes.INTERNAL_ERROR, "The export failed unexpectedly: " + e, e),
          store, layout));
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
        store.abortBegunUploads() + store.abortIncompleteUploadsUnder(layout.ownFilesPrefix());
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
      var own = layout.ownFilesPrefix();
      var checkpoints = layout.checkpointDirectory();
      // A worker of a split export removes only its own leftovers: the others' are theirs.
      int leftovers = store.deleteAllUnder(layout.exportDirectory(), key -> kept.contains(key)
          || resuming && key.startsWith(checkpoints)
          || layout.split() && !key.startsWith(own) && !key.startsWith(checkpoints));
      int uploads = store.abortIncompleteUploadsUnder(own);
      if (leftovers > 0 || uploads > 0) {
        LOG.info("Removed {} objects and aborted {} multipart uploads left by an interrupted"
            + " attempt of this export", leftovers, uploads);
      }
      return resume;
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, outcome.request.s3Bucket());
    }
  }

  private ExportResult run(ExportPlan plan, ExportPlan.Context context, Outcome outcome)
      throws InterruptedException {
    var request = context.request();
    var layout = context.layout();
    outcome.writing = true;
    try {
      context.objects().put(layout.startedKey(), new byte[0]);
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, request.s3Bucket());
    }
    LOG.info("Exporting table {} as {} to s3://{}/{}{}", request.tableArn().tableName(),
        request.exportFormat(), request.s3Bucket(), layout.exportDirectory(),
        layout.split() ? " as " + context.share() : "");
    var result = plan.run(context, outcome.startTime);
    var part = ExportPart.of(context.share(), request.exportFormat().name(), outcome.startTime,
        now(), result);
    if (!layout.split()) {
      return outcome.whole(complete(context.objects(), layout, ExportParts.merge(List.of(part)),
          outcome));
    }
    var parts = new ExportParts(context.objects(), layout);
    s3(outcome, () -> {
      parts.write(part);
      return null;
    });
    LOG.info("Export {}: {} wrote its part, {} items in {} data files", outcome.exportArn,
        context.share(), part.itemCount(), part.files().size());
    return completeSplit(parts, part, context.objects(), layout, outcome);
  }

  /**
   * Writes the manifests once every worker wrote its part (with S3's strong read-after-write
   * consistency, the last worker to write its part sees them all); else this worker's part is its
   * result. A part gone while being read means another worker wrote the manifests.
   */
  private ExportResult completeSplit(ExportParts parts, ExportPart own, S3ObjectStore store,
      ExportLayout layout, Outcome outcome) {
    var all = s3(outcome, parts::all);
    if (all.isEmpty()) {
      return outcome.part(outcome.partDescription(own));
    }
    return outcome.whole(complete(store, layout, ExportParts.merge(all.get()), outcome));
  }

  /** Writes the manifests of the whole export, then removes its checkpoints. */
  private ExportDescription complete(
      S3ObjectStore store, ExportLayout layout, ExportParts.Whole whole, Outcome outcome) {
    var request = outcome.request;
    var first = whole.first();
    var incremental = first.incremental();
    long billed = incremental == null ? whole.billedSizeBytes()
        : Math.max(MINIMUM_INCREMENTAL_BILLED_BYTES, whole.billedSizeBytes());
    var summary =
        new ManifestSummary(
            outcome.exportArn,
            whole.startTime(),
            whole.endTime(),
            request.tableArn().arn(),
            outcome.table.tableId(),
            whole.exportTime(),
            request.s3Bucket(),
            request.s3Prefix(),
            sseAlgorithm(request),
            request.s3SseKmsKeyId(),
            layout.manifestFilesKey(),
            billed,
            ManifestFiles.itemCount(whole.files()),
            first.exportFormat(),
            incremental == null ? null : incremental.exportFromTime(),
            incremental == null ? null : incremental.exportToTime(),
            incremental == null ? null : incremental.exportViewType());
    s3(outcome, () -> {
      writeManifests(store, layout, whole.files(), summary);
      return null;
    });
    Checkpoints.deleteAll(store, layout);
    LOG.info("Export {} completed: {} items in {} data files", outcome.exportArn,
        summary.itemCount(), whole.files().size());
    return outcome.completed(summary, layout);
  }

  /** An S3 call of the export's own bucket, its failure translated. */
  private static <T> T s3(Outcome outcome, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, outcome.request.s3Bucket());
    }
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
    private final WorkerShare share;
    private final String exportArn;
    private final Instant startTime;
    private SourceTable table;
    private boolean writing;

    Outcome(ExportRequest request, WorkerShare share, String exportArn, Instant startTime) {
      this.request = request;
      this.share = share;
      this.exportArn = exportArn;
      this.startTime = startTime;
    }

    /** The result of a description of the whole export. */
    ExportResult whole(ExportDescription description) {
      return new ExportResult(description, worker(true));
    }

    /** The result of a description of this worker's part, or of its failure. */
    ExportResult part(ExportDescription description) {
      return new ExportResult(description, worker(false));
    }

    private ExportResult.Worker worker(boolean manifests) {
      return share.split()
          ? new ExportResult.Worker(share.index(), share.count(), manifests) : null;
    }

    /** A worker's part, done, of an export whose manifests are still to be written. */
    ExportDescription partDescription(ExportPart part) {
      return ofRequest(ExportDescription.COMPLETED, part.startTime(), part.endTime(),
          part.exportTime(), null, part.billedSizeBytes(), part.itemCount(), part.incremental());
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
      return ofRequest(ExportDescription.FAILED, startTime, endTime, request.exportTime(), failure,
          null, null, request.incrementalExportSpecification());
    }

    /** A description without manifest: the request, as given, and what is known of its end. */
    private ExportDescription ofRequest(String status, Instant start, Instant end,
        Instant exportTime, ExportFailure failure, Long billedSizeBytes, Long itemCount,
        IncrementalExportSpecification incremental) {
      return new ExportDescription(
          exportArn,
          status,
          start,
          end,
          null,
          request.tableArn().arn(),
          table == null ? null : table.tableId(),
          exportTime,
          request.clientToken(),
          request.s3Bucket(),
          request.s3BucketOwner(),
          request.s3Prefix(),
          sseAlgorithm(request),
          request.s3SseKmsKeyId(),
          failure == null ? null : failure.code(),
          failure == null ? null : failure.getMessage(),
          request.exportFormat().name(),
          billedSizeBytes,
          itemCount,
          request.exportType().name(),
          incremental);
    }
  }
}
