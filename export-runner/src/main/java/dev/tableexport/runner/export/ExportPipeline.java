package dev.tableexport.runner.export;

import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.ItemEncoder;
import dev.tableexport.runner.format.ItemSize;
import dev.tableexport.runner.format.LineWriter;
import dev.tableexport.runner.format.WireItem;
import dev.tableexport.runner.sink.DataFileName;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.sink.DataFileWriter;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.source.PageConsumer;
import dev.tableexport.runner.source.ParallelScan;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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

  /** What the pipeline writes, and where. */
  public record Output<T>(
      String bucket,
      String dataDirectory,
      Supplier<String> dataFileNames,
      ExportFormat format,
      LineWriter<T> lineWriter) {

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

  /** A parallel scan of the table, as a source; scan failures are DynamoDB's failure codes. */
  public static LineSource<WireItem> scanOf(
      DynamoDbClient dynamo, String tableName, int segments, boolean consistentRead) {
    var scan = new ParallelScan(dynamo, tableName, segments, consistentRead);
    return pages -> {
      try {
        scan.run(pages);
      } catch (SdkException e) {
        throw FailureTranslator.fromDynamoDb(e, tableName);
      }
    };
  }

  /**
   * @param maxDataFileBytes a data file is closed once its compressed size reaches this
   */
  public record Settings(
      int scanSegments, int encoderThreads, int uploadThreads, long maxDataFileBytes) {

    public static Settings defaults() {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Settings(Math.max(4, 2 * cores), Math.max(1, cores), 2, 16L * 1024 * 1024);
    }
  }

  public record Result(List<DataFileEntry> files, long itemCount, long billedSizeBytes) {}

  private final S3ObjectStore store;
  private final Output<T> output;
  private final Settings settings;

  private final List<T> endOfSource = new ArrayList<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final BlockingQueue<List<T>> pages;
  private final Semaphore uploadSlots;
  private final List<Future<DataFileEntry>> uploads = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder itemCount = new LongAdder();
  private final LongAdder billedSizeBytes = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();

  public ExportPipeline(S3ObjectStore store, Output<T> output, Settings settings) {
    this.store = store;
    this.output = output;
    this.settings = settings;
    this.pages = new ArrayBlockingQueue<>(2 * settings.encoderThreads());
    this.uploadSlots = new Semaphore(settings.uploadThreads());
  }

  /** Exports every line the source produces; throws {@link ExportFailure} when any stage fails. */
  public Result run(LineSource<T> source) throws InterruptedException {
    var encoderThreads = Thread.ofPlatform().name("encode-", 0).daemon().factory();
    var uploadThreads = Thread.ofPlatform().name("upload-", 0).daemon().factory();
    try (ExecutorService encoders =
            Executors.newFixedThreadPool(settings.encoderThreads(), encoderThreads);
        ExecutorService uploaders =
            Executors.newFixedThreadPool(settings.uploadThreads(), uploadThreads);
        var progress = new ProgressLog(itemCount, bytesWritten)) {
      var encoding = new ArrayList<Future<?>>();
      for (int i = 0; i < settings.encoderThreads(); i++) {
        encoding.add(encoders.submit(() -> encode(uploaders)));
      }
      var files = new ArrayList<DataFileEntry>();
      try {
        produce(source);
        for (int i = 0; i < settings.encoderThreads(); i++) {
          handOver(endOfSource);
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
      throwIfFailed();
      return new Result(files, itemCount.sum(), billedSizeBytes.sum());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void produce(LineSource<T> source) throws InterruptedException {
    try {
      source.produce(this::handOver);
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

  private void handOver(List<T> page) throws InterruptedException {
    while (!pages.offer(page, 100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        throw new CancellationException("export failed");
      }
    }
  }

  private Void encode(ExecutorService uploaders) throws Exception {
    DataFileWriter file = null;
    try {
      while (true) {
        var page = pages.poll(100, TimeUnit.MILLISECONDS);
        if (failure.get() != null || page == endOfSource) {
          break;
        }
        if (page == null) {
          continue;
        }
        for (var line : page) {
          if (file == null) {
            file = newDataFile();
          }
          billedSizeBytes.add(file.write(output.lineWriter(), line));
          itemCount.increment();
          if (file.compressedSize() >= settings.maxDataFileBytes()) {
            submitUpload(file.finish(), uploaders);
            file = null;
          }
        }
      }
      if (file != null && failure.get() == null) {
        submitUpload(file.finish(), uploaders);
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

  private void submitUpload(DataFileWriter.DataFile file, ExecutorService uploaders)
      throws InterruptedException {
    while (!uploadSlots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        throw new CancellationException("export failed");
      }
    }
    uploads.add(
        uploaders.submit(
            () -> {
              try {
                return upload(file);
              } finally {
                uploadSlots.release();
              }
            }));
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
