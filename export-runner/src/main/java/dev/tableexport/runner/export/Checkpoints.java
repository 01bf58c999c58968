package dev.tableexport.runner.export;

import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.sink.ExportLayout;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.source.ScanPosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An export's checkpoints in its bucket, under {@link ExportLayout#checkpointDirectory()}: read
 * when a rerun starts, written one at a time in the order they are committed (so that a newer
 * position of a segment is never stored before an older one), deleted when the export completes.
 */
public final class Checkpoints implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  private final S3ObjectStore store;
  private final ExportLayout layout;
  private final String bucket;
  private final String exportFormat;
  private final int totalSegments;
  private final AtomicLong nextSequence;
  private final Consumer<RuntimeException> onFailure;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("checkpoint").daemon().factory());

  /** @param onFailure told when a checkpoint cannot be written; the export must then fail */
  public Checkpoints(S3ObjectStore store, ExportLayout layout, String bucket, String exportFormat,
      int totalSegments, long nextSequence, Consumer<RuntimeException> onFailure) {
    this.store = store;
    this.layout = layout;
    this.bucket = bucket;
    this.exportFormat = exportFormat;
    this.totalSegments = totalSegments;
    this.nextSequence = new AtomicLong(nextSequence);
    this.onFailure = onFailure;
  }

  /**
   * The checkpoints an earlier attempt of this export left, those of another format dropped (a
   * rerun of the same ARN with other parameters starts afresh); throws SdkException.
   */
  public static List<Checkpoint> load(S3ObjectStore store, ExportLayout layout, String format) {
    var checkpoints = new ArrayList<Checkpoint>();
    for (var key : store.keysUnder(layout.checkpointDirectory())) {
      var bytes = store.getIfExists(key);
      if (bytes.isEmpty()) {
        continue;
      }
      try {
        var checkpoint = Checkpoint.parse(bytes.get());
        if (!checkpoint.exportFormat().equals(format)) {
          LOG.warn("Ignoring the checkpoints of an earlier {} attempt of this export: it is {} now",
              checkpoint.exportFormat(), format);
          return List.of();
        }
        checkpoints.add(checkpoint);
      } catch (IOException e) {
        // Written whole by one PutObject, a checkpoint is never torn: this one is not ours.
        LOG.warn("Ignoring {}, which is no checkpoint: {}", key, e.getMessage());
      }
    }
    return checkpoints;
  }

  /**
   * Deletes every checkpoint of the export, every worker's and their parts (best-effort: a
   * completed export ignores them).
   */
  public static void deleteAll(S3ObjectStore store, ExportLayout layout) {
    try {
      store.deleteAllUnder(layout.allCheckpointsDirectory());
    } catch (SdkException e) {
      LOG.warn("Could not delete the checkpoints under {}: {}", layout.allCheckpointsDirectory(),
          e.getMessage());
    }
  }

  /** Stores, after those committed before it, that {@code file} (null for none) is durable. */
  public void commit(DataFileEntry file, long billedSizeBytes, List<ScanPosition> positions) {
    var checkpoint = new Checkpoint(nextSequence.getAndIncrement(), exportFormat, totalSegments,
        file, billedSizeBytes, List.copyOf(positions));
    try {
      writer.execute(() -> {
        try {
          store.put(layout.checkpointKey(checkpoint.sequence()), checkpoint.toBytes());
        } catch (SdkException e) {
          onFailure.accept(FailureTranslator.fromS3(e, bucket));
          writer.shutdownNow();
        }
      });
    } catch (RejectedExecutionException e) {
      // An earlier checkpoint failed, and with it the export: no later one may be stored.
    }
  }

  /** Waits for the checkpoints committed so far to be written, or to fail. */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(1, TimeUnit.HOURS)) {
      writer.shutdownNow();
    }
  }
}
