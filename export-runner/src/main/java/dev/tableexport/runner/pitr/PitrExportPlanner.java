package dev.tableexport.runner.pitr;

import dev.tableexport.contract.BackupHole;
import dev.tableexport.contract.BackupStatus;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.runner.export.Checkpoints;
import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportPlan;
import dev.tableexport.runner.export.ExportPlanner;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.export.FailureTranslator;
import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.format.ItemEncoder;
import dev.tableexport.runner.sink.DataFileName;
import dev.tableexport.runner.source.SourceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Plans exports from a continuous backup: a full export at any time in the restorable window
 * (default its latest time), or an incremental export of a window inside it, validated as DynamoDB
 * validates them.
 */
public final class PitrExportPlanner implements ExportPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(PitrExportPlanner.class);
  private static final Duration MAXIMUM_INCREMENTAL_WINDOW = Duration.ofHours(24);

  /**
   * @param minIncrementalWindow DynamoDB's is 15 minutes
   * @param workDirectory where merges spill sorted runs
   * @param sortMemoryBytes how much of the heap a merge may hold before it spills
   */
  public record Settings(
      StoreLocation store, Duration minIncrementalWindow, Path workDirectory, long sortMemoryBytes) {}

  private final S3Client s3;
  private final Settings settings;

  public PitrExportPlanner(S3Client s3, Settings settings) {
    this.s3 = s3;
    this.settings = settings;
  }

  @Override
  public ExportPlan plan(ExportRequest request, SourceTable table, Instant now) {
    var store = new BackupStore(s3, settings.store(), table.arn().tableName());
    var status = readStatus(store, table);
    return request.exportType() == ExportType.INCREMENTAL_EXPORT
        ? incremental(request, store, table, status)
        : pointInTime(request, store, table, status, now);
  }

  private BackupStatus readStatus(BackupStore store, SourceTable table) {
    var tableName = table.arn().tableName();
    BackupStatus status;
    try {
      status = store.readStatus().orElse(null);
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, settings.store().bucket());
    }
    if (status == null || !table.tableId().equals(status.tableId())) {
      throw new ExportFailure(
          FailureCodes.PITR_UNAVAILABLE,
          "Point-in-time recovery is not enabled for table " + tableName + ": "
              + settings.store() + " holds no continuous backup of it"
              + (status == null ? "" : " (only one of an earlier table of that name)")
              + ". Start `export-runner record --table-arn " + table.arn().arn() + " --store "
              + settings.store() + "`, or give the --pitr-store it records to.");
    }
    if (!status.hasWindow()) {
      throw new ExportFailure(
          FailureCodes.PITR_UNAVAILABLE,
          "The continuous backup of table " + tableName + " has no restorable time yet: its first"
              + " snapshot is still being taken. Try again when describe-continuous-backups shows"
              + " PointInTimeRecoveryStatus ENABLED.");
    }
    return status;
  }

  private ExportPlan pointInTime(
      ExportRequest request, BackupStore store, SourceTable table, BackupStatus status, Instant now) {
    var exportTime = request.exportTime() != null
        ? request.exportTime()
        : status.latestRestorableDateTime().truncatedTo(ChronoUnit.MILLIS);
    if (request.exportTime() != null && exportTime.isAfter(now)) {
      throw new ExportFailure(FailureCodes.INVALID_EXPORT_TIME,
          "--export-time " + exportTime + " is in the future; give a time in the restorable window "
              + status.window() + ".");
    }
    if (!status.contains(exportTime)) {
      throw outsideWindow("--export-time " + exportTime, status);
    }
    var hole = status.holeAt(exportTime);
    if (hole.isPresent()) {
      throw inHole("--export-time " + exportTime + " is inside", hole.get());
    }
    long atMicros = MicrosClock.toMicros(exportTime);
    var keys = new KeyBytes(table.keyAttributes());
    var items = new PointInTimeItems(store, keys,
        settings.workDirectory(), settings.sortMemoryBytes());
    var snapshot = read(() -> items.baseSnapshot(atMicros)).orElseThrow(() -> outsideWindow(
        "--export-time " + exportTime + " (no snapshot ends before it)", status));
    return (context, startTime) -> {
      var format = context.request().exportFormat();
      var output =
          ExportPipeline.Output.items(context.request().s3Bucket(), context.layout().dataDirectory(),
              format).named(() -> context.layout().newDataFileName(format.dataFileSuffix()));
      var share = context.share();
      var result = resumingPipeline(context, output).runScan(pages -> readStore(() ->
          items.produce(snapshot, atMicros, share::ownsKey,
              new KeyOrderPages<>(keys, item -> item, context.resume(), pages))));
      return new ExportPlan.Result(result, result.billedSizeBytes(), exportTime, null);
    };
  }

  private ExportPlan incremental(
      ExportRequest request, BackupStore store, SourceTable table, BackupStatus status) {
    var specification = request.incrementalExportSpecification();
    var from = specification.exportFromTime();
    var to = specification.exportToTime() != null
        ? specification.exportToTime()
        : status.latestRestorableDateTime().truncatedTo(ChronoUnit.MILLIS);
    var window = Duration.between(from, to);
    if (window.compareTo(settings.minIncrementalWindow()) < 0) {
      throw new ExportFailure(FailureCodes.VALIDATION,
          "The incremental export window from " + from + " to " + to + " is " + window
              + ", shorter than the minimum " + settings.minIncrementalWindow()
              + " (--min-incremental-window). Widen the window.");
    }
    if (window.compareTo(MAXIMUM_INCREMENTAL_WINDOW) > 0) {
      throw new ExportFailure(FailureCodes.VALIDATION,
          "The incremental export window from " + from + " to " + to + " is " + window
              + ", longer than the maximum of 24 hours. Split it into several exports.");
    }
    if (!status.contains(from) || !status.contains(to)) {
      throw outsideWindow("The incremental export window from " + from + " to " + to, status);
    }
    var hole = status.holeTouching(from, to);
    if (hole.isPresent()) {
      throw inHole("The incremental export window from " + from + " to " + to + " overlaps", hole.get());
    }
    var view = specification.exportViewType();
    var resolved = new IncrementalExportSpecification(from, to, view);
    var keys = new KeyBytes(table.keyAttributes());
    var changes = new IncrementalChanges(store, keys,
        settings.workDirectory(), settings.sortMemoryBytes());
    boolean newImageOnly = IncrementalExportSpecification.NEW_IMAGE.equals(view);
    return (context, startTime) -> {
      var format = context.request().exportFormat();
      var suffix = format.dataFileSuffix();
      // Derived names go on after those of the files kept from earlier attempts.
      var ordinal = new AtomicInteger(context.resume().files().size());
      var seed = context.layout().derivedNameSeed();
      var output =
          new ExportPipeline.Output<IncrementalRecord>(
              context.request().s3Bucket(),
              context.layout().incrementalDataDirectory(),
              () -> DataFileName.derived(seed, ordinal.getAndIncrement(), suffix),
              format,
              (encoder, record) -> {
                encoder.writeIncrementalRecord(record);
                return 0; // billed by the change data processed, below
              });
      var result = resumingPipeline(context, output).runScan(pages -> readStore(() ->
          changes.produce(MicrosClock.toMicros(from), MicrosClock.toMicros(to), newImageOnly,
              context.share()::ownsKey,
              new KeyOrderPages<>(keys, IncrementalRecord::keys, context.resume(), pages))));
      return new ExportPlan.Result(result, changes.processedBytes(), null, resolved);
    };
  }

  /**
   * A pipeline that goes on from the export's checkpoints, and checkpoints each data file with
   * the last key it holds. One encoder: a key position holds only while files are committed in
   * key order (and derived names come out in that order).
   */
  private static <T> ExportPipeline<T> resumingPipeline(ExportPlan.Context context,
      ExportPipeline.Output<T> output) {
    var request = context.request();
    var resume = context.resume();
    if (resume.scan().isPresent()) {
      LOG.info("Resuming from checkpoints: {} data files kept; the backup is read and sorted"
          + " again, and its entries up to the last checkpointed key skipped",
          resume.files().size());
    }
    var base = context.settings();
    var oneEncoder = new ExportPipeline.Settings(base.scanSegments(), 1, base.uploadThreads(),
        base.maxDataFileBytes());
    return new ExportPipeline<>(context.objects(), output, oneEncoder, resume,
        onFailure -> new Checkpoints(context.objects(), context.layout(), request.s3Bucket(),
            request.exportFormat().name(), KeyOrderPages.TOTAL_SEGMENTS, resume.nextSequence(),
            onFailure));
  }

  private static ExportFailure outsideWindow(String what, BackupStatus status) {
    return new ExportFailure(FailureCodes.INVALID_EXPORT_TIME,
        what + " is outside the restorable window " + status.window()
            + ". Give a time inside it.");
  }

  private static ExportFailure inHole(String what, BackupHole hole) {
    return new ExportFailure(FailureCodes.INVALID_EXPORT_TIME,
        what + " the hole " + hole + " of the continuous backup: the recorder was down or behind"
            + " the stream then, and the changes it read late cannot be timed exactly. Give times"
            + " outside it (describe-continuous-backups lists the holes).");
  }

  private interface StoreRead<T> {
    T read();
  }

  private interface StoreProduce {
    void produce() throws InterruptedException;
  }

  private <T> T read(StoreRead<T> read) {
    try {
      return read.read();
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, settings.store().bucket());
    }
  }

  private void readStore(StoreProduce produce) throws InterruptedException {
    try {
      produce.produce();
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, settings.store().bucket());
    }
  }
}
