package dev.tableexport.runner.export;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.ItemEncoder;
import dev.tableexport.runner.format.ItemSize;
import dev.tableexport.runner.format.LineWriter;
import dev.tableexport.runner.format.WireItem;
import dev.tableexport.runner.sink.DataFileName;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.manifest.ManifestFiles;
import dev.tableexport.runner.resources.PipelineSizing;
import dev.tableexport.runner.sink.DataFileName;
import dev.tableexport.runner.sink.DataFileWriter;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.source.PageConsumer;
import dev.tableexport.runner.source.ParallelScan;
import dev.tableexport.runner.source.ScanPages;
import dev.tableexport.runner.source.ScanPosition;
import dev.tableexport.runner.source.ScanStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Source → encode → gzip → upload, with bounded memory: pages of lines (items, or incremental
 * records) wait in a small queue, each encoder thread fills one data file at a time, and an encoder
 * blocks before handing over a finished file while all upload slots are busy. Memory is thus about
 * (encoders + uploads) × the data file size, whatever the table's size.
 *
 * @param <T> what one line of a data file is made from
 */
public final class ExportPipeline<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ExportPipeline.class);

  /** Produces the pages of lines to export; throws {@link ExportFailure} when it fails. */
  @FunctionalInterface
  public interface LineSource<T> {
    void produce(PageConsumer<T> pages) throws InterruptedException;
  }

  /**
   * A source whose pages each carry the scan position they lead to, which the pipeline
   * checkpoints once the lines before it are durable; throws {@link ExportFailure} when it fails.
   */
  @FunctionalInterface
  public interface ScanSource<T> {
    void produce(ScanPages<T> pages) throws InterruptedException;
  }

  /** What the pipeline writes, and where. */
  public record Output<T>(
      String bucket,
      String dataDirectory,
      Supplier<String> dataFileNames,
      ExportFormat format,
      LineWriter<T> lineWriter) {

    /** The same output, its data files named by {@code names}. */
    public Output<T> named(Supplier<String> names) {
      return new Output<>(bucket, dataDirectory, names, format, lineWriter);
    }

    /** Items, in randomly named data files, billed by their size: what full exports write. */
    public static Output<Map<String, AttributeValue>> items(
        String bucket, String dataDirectory, ExportFormat format) {
      return items(bucket, dataDirectory, format, (encoder, item) -> {
        encoder.writeItem(item);
        return ItemSize.of(item);
      });
    }

    /** Scanned items, as {@link #items}: sized by the encoder as it writes them. */
    public static Output<WireItem> scannedItems(
        String bucket, String dataDirectory, ExportFormat format) {
      return items(bucket, dataDirectory, format, ItemEncoder::writeItem);
    }

    private static <T> Output<T> items(
        String bucket, String dataDirectory, ExportFormat format, LineWriter<T> lineWriter) {
      return new Output<>(
          bucket,
          dataDirectory,
          () -> DataFileName.random(format.dataFileSuffix()),
          format,
          lineWriter);
    }
  }

  /**
   * A parallel scan from {@code start}, as a source whose pages carry their scan positions; scan
   * failures are DynamoDB's failure codes.
   */
  public static ScanSource<WireItem> scanOf(DynamoDbClient dynamo, String tableName,
      ScanStart start, Settings settings, boolean consistentRead) {
    var scan = new ParallelScan(dynamo, tableName, start, settings.scanPageItems(),
        settings.scanThreads(), settings.maxScanThreads(), consistentRead);
    return pages -> scanning(tableName, () -> scan.run(pages));
  }

  private interface Scanning {
    void run() throws InterruptedException;
  }

  private static void scanning(String tableName, Scanning scan) throws InterruptedException {
    try {
      scan.run();
    } catch (SdkException e) {
      throw FailureTranslator.fromDynamoDb(e, tableName);
    }
  }

  /**
   * @param scanSegments 0 to choose by the table's size ({@link ScanSegments})
   * @param maxDataFileBytes a data file is closed once its compressed size reaches this
   * @param scanPageItems Scan's Limit (items per page), null for DynamoDB's 1 MB pages: smaller
   *     pages are checkpointed more finely, and come back sooner from a slow store
   * @param scanThreads segments scanned at once at first
   * @param maxScanThreads segments scanned at once at most, while pages come back slowly
   *     ({@link dev.tableexport.runner.source.ScanConcurrency})
   */
  public record Settings(int scanSegments, int encoderThreads, int uploadThreads,
      long maxDataFileBytes, Integer scanPageItems, int scanThreads, int maxScanThreads) {

    public Settings(
        int scanSegments, int encoderThreads, int uploadThreads, long maxDataFileBytes) {
      this(scanSegments, encoderThreads, uploadThreads, maxDataFileBytes, null,
          ParallelScan.MAX_THREADS);
    }

    /** Settings whose scan reads {@code scanThreads} segments at once, never more. */
    public Settings(int scanSegments, int encoderThreads, int uploadThreads,
        long maxDataFileBytes, Integer scanPageItems, int scanThreads) {
      this(scanSegments, encoderThreads, uploadThreads, maxDataFileBytes, scanPageItems,
          scanThreads, scanThreads);
    }

    /** The segments asked for, else {@code chosen}. */
    public int scanSegmentsOr(int chosen) {
      return scanSegments > 0 ? scanSegments : chosen;
    }

    /** Sized for the container: {@link PipelineSizing}. */
    public static Settings defaults() {
      return PipelineSizing.forThisContainer().settings();
    }
  }

  /** @param files the export's data files, those of earlier attempts it resumed included */
  public record Result(List<DataFileEntry> files, long itemCount, long billedSizeBytes) {}

  /** Lines to encode, and the scan position they lead to (null for sources without one). */
  private record Page<T>(List<T> lines, ScanPosition after) {}

  private final S3ObjectStore store;
  private final Output<T> output;
  private final Settings settings;
  private final Resume resume;
  private final Function<Consumer<RuntimeException>, Checkpoints> checkpointing;

  private final Page<T> endOfSource = new Page<>(List.of(), null);
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final List<BlockingQueue<Page<T>>> lanes = new ArrayList<>();
  private final List<CommitOrder> commitOrders = new ArrayList<>();
  private final AtomicInteger nextLane = new AtomicInteger();
  private final Semaphore uploadSlots;
  private final List<Future<DataFileEntry>> uploads = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder itemCount = new LongAdder();
  private final LongAdder billedSizeBytes = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();
  private Checkpoints checkpoints;

  public ExportPipeline(S3ObjectStore store, Output<T> output, Settings settings) {
    this(store, output, settings, Resume.fresh(), null);
  }

  /**
   * A pipeline that goes on from {@code resume} and checkpoints its progress.
   *
   * @param checkpointing opens the checkpoints, given where to report a failure to write one
   */
  public ExportPipeline(S3ObjectStore store, Output<T> output, Settings settings, Resume resume,
      Function<Consumer<RuntimeException>, Checkpoints> checkpointing) {
    this.store = store;
    this.output = output;
    this.settings = settings;
    this.resume = resume;
    this.checkpointing = checkpointing;
    for (int i = 0; i < settings.encoderThreads(); i++) {
      lanes.add(new ArrayBlockingQueue<>(2));
    }
    this.uploadSlots = new Semaphore(settings.uploadThreads());
  }

  /** Exports every line the source produces; throws {@link ExportFailure} when any stage fails. */
  public Result run(LineSource<T> source) throws InterruptedException {
    return runScan(pages -> source.produce(lines -> pages.accept(lines, null)));
  }

  /**
   * Exports every line the source produces, each page's scan position checkpointed once the data
   * files holding its lines (and the lines before them in its segment) are durable; throws
   * {@link ExportFailure} when any stage fails.
   */
  public Result runScan(ScanSource<T> source) throws InterruptedException {
    if (checkpointing != null) {
      checkpoints = checkpointing.apply(this::fail);
    }
    try {
      return runStages(source);
    } finally {
      if (checkpoints != null) {
        checkpoints.close();
      }
    }
  }

  private Result runStages(ScanSource<T> source) throws InterruptedException {
    var encoderThreads = Thread.ofPlatform().name("encode-", 0).daemon().factory();
    var uploadThreads = Thread.ofPlatform().name("upload-", 0).daemon().factory();
    try (ExecutorService encoders =
            Executors.newFixedThreadPool(settings.encoderThreads(), encoderThreads);
        ExecutorService uploaders =
            Executors.newFixedThreadPool(settings.uploadThreads(), uploadThreads);
        var progress = new ProgressLog(itemCount, bytesWritten)) {
      var encoding = new ArrayList<Future<?>>();
      for (int i = 0; i < settings.encoderThreads(); i++) {
        var lane = i;
        commitOrders.add(new CommitOrder(this::commit));
        encoding.add(encoders.submit(() -> encode(lane, uploaders)));
      }
      var files = new ArrayList<>(resume.files());
      try {
        produce(source);
        for (int i = 0; i < settings.encoderThreads(); i++) {
          handOver(i, endOfSource);
        }
        for (var encoder : encoding) {
          await(encoder);
        }
        for (var upload : List.copyOf(uploads)) {
          files.add(await(upload));
        }
        if (files.isEmpty()) {
          // DynamoDB writes at least one file per partition: an empty table gets one empty file.
          files.add(upload(newDataFile().finish()));
        }
      } catch (CancellationException e) {
        // Another stage failed and recorded why; that failure is reported below.
      } catch (InterruptedException e) {
        // Stopped (SIGTERM): every stage ends now. Uploads in flight are aborted from here, since
        // an upload thread blocked on its socket does not see the interrupt.
        fail(new ExportFailure(FailureCodes.INTERNAL_ERROR, "The export was interrupted"));
        store.abortBegunUploads();
        uploaders.shutdownNow();
        encoders.shutdownNow();
        throw e;
      }
      if (checkpoints != null) {
        checkpoints.close(); // waits for the last checkpoints: one that failed fails the export
      }
      throwIfFailed();
      return new Result(files, ManifestFiles.itemCount(files),
          resume.billedSizeBytes() + billedSizeBytes.sum());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void produce(ScanSource<T> source) throws InterruptedException {
    try {
      source.produce((lines, after) -> handOver(lane(after), new Page<>(lines, after)));
    } catch (ExportFailure e) {
      fail(e);
      throw new CancellationException("the source failed");
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(new ExportFailure(FailureCodes.INTERNAL_ERROR, "Reading what to export failed: " + e, e));
      throw new CancellationException("the source failed");
    }
  }

  private DataFileWriter newDataFile() throws IOException {
    return new DataFileWriter(output.format(), output.dataFileNames().get());
  }

  /** A segment's pages all go to one encoder, in order, so that they are checkpointed in order. */
  private int lane(ScanPosition after) {
    return after != null
        ? after.segment() % lanes.size()
        : Math.floorMod(nextLane.getAndIncrement(), lanes.size());
  }

  private void handOver(int lane, Page<T> page) throws InterruptedException {
    while (!lanes.get(lane).offer(page, 100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        throw new CancellationException("export failed");
      }
    }
  }

  /** A data file being filled, and the scan positions its lines lead to. */
  private final class OpenFile {
    final DataFileWriter writer;
    final List<ScanPosition> positions = new ArrayList<>();
    long billedSizeBytes;

    OpenFile() throws IOException {
      writer = newDataFile();
    }
  }

  private Void encode(int lane, ExecutorService uploaders) throws Exception {
    var commitOrder = commitOrders.get(lane);
    OpenFile file = null;
    try {
      while (true) {
        var page = lanes.get(lane).poll(100, TimeUnit.MILLISECONDS);
        if (failure.get() != null || page == endOfSource) {
          break;
        }
        if (page == null) {
          continue;
        }
        for (var line : page.lines()) {
          if (file == null) {
            file = new OpenFile();
          }
          long billed = file.writer.write(output.lineWriter(), line);
          billedSizeBytes.add(billed);
          file.billedSizeBytes += billed;
          itemCount.increment();
          // Files of a checkpointed source end between pages only: a page is in one file.
          if (page.after() == null && file.writer.compressedSize() >= settings.maxDataFileBytes()) {
            submitUpload(file, commitOrder, uploaders);
            file = null;
          }
        }
        if (page.after() != null) {
          if (file != null) {
            file.positions.add(page.after());
            if (file.writer.compressedSize() >= settings.maxDataFileBytes()) {
              submitUpload(file, commitOrder, uploaders);
              file = null;
            }
          } else {
            commitOrder.afterLast(page.after());
          }
        }
      }
      if (file != null && failure.get() == null) {
        submitUpload(file, commitOrder, uploaders);
      }
      return null;
    } catch (RuntimeException | IOException e) {
      fail(
          e instanceof ExportFailure f
              ? f
              : new ExportFailure(FailureCodes.INTERNAL_ERROR, "Encoding items failed: " + e, e));
      throw e;
    }
  }

  private void submitUpload(OpenFile file, CommitOrder commitOrder, ExecutorService uploaders)
      throws InterruptedException, IOException {
    var finished = file.writer.finish();
    while (!uploadSlots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        throw new CancellationException("export failed");
      }
    }
    var pending = commitOrder.submitted(file.positions, file.billedSizeBytes);
    uploads.add(
        uploaders.submit(
            () -> {
              try {
                var entry = upload(finished);
                commitOrder.uploaded(pending, entry);
                return entry;
              } finally {
                uploadSlots.release();
              }
            }));
  }

  private void commit(CommitOrder.Durable durable) {
    if (checkpoints != null) {
      checkpoints.commit(durable.file(), durable.billedSizeBytes(), durable.positions());
    }
  }

  private DataFileEntry upload(DataFileWriter.DataFile file) {
    var key = output.dataDirectory() + file.name();
    try {
      var etag = store.uploadDataFile(key, file);
      bytesWritten.add(file.size());
      LOG.debug("Uploaded {} ({} items, {} bytes)", key, file.itemCount(), file.size());
      return new DataFileEntry(file.itemCount(), file.md5Base64(), etag, key);
    } catch (SdkException e) {
      var translated = FailureTranslator.fromS3(e, output.bucket());
      fail(translated);
      throw translated;
    }
  }

  private <T> T await(Future<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CancellationException cancelled) {
        throw cancelled;
      }
      fail(
          e.getCause() instanceof RuntimeException runtime
              ? runtime
              : new ExportFailure(FailureCodes.INTERNAL_ERROR, "Export failed: " + e.getCause(), e));
      throw new CancellationException("export failed");
    }
  }

  private void fail(RuntimeException e) {
    failure.compareAndSet(null, e);
  }

  private void throwIfFailed() {
    var failed = failure.get();
    if (failed != null) {
      throw failed;
    }
  }

  /** Logs progress to stderr every 15 seconds while an export runs. */
  private static final class ProgressLog implements AutoCloseable {

    private final java.util.concurrent.ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("progress").daemon().factory());

    ProgressLog(LongAdder items, LongAdder bytes) {
      long started = System.nanoTime();
      timer.scheduleAtFixedRate(
          () -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info(
                "Exported {} items so far ({} items/s), {} compressed bytes uploaded",
                items.sum(),
                Math.round(items.sum() / seconds),
                bytes.sum());
          },
          15,
          15,
          TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
