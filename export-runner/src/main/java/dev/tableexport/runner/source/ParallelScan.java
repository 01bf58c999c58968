package dev.tableexport.runner.source;

import dev.tableexport.runner.format.WireItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A segmented Scan. Segments are taken in turn by a bounded number of threads (at most {@link
 * #MAX_THREADS}), so that memory and threads stay bounded whatever the segment count (up to
 * DynamoDB's 1,000,000), each from where an earlier attempt left it ({@link ScanStart}). It starts
 * with {@code threads} of them and adds more, up to {@code maxThreads}, while pages come back
 * slowly and each added thread raises the rate ({@link ScanConcurrency}). Items
 * come as the JSON of the Scan responses ({@link WireItemsInterceptor}), for the encoders to parse
 * once; the client must carry that interceptor.
 *
 * <p>Reads are eventually consistent unless asked otherwise: half the read capacity, and a scan is
 * fuzzy anyway (it does not see the table at one instant), which the change log corrects where an
 * export needs a point in time.
 */
public final class ParallelScan {

  private static final Logger LOG = LoggerFactory.getLogger(ParallelScan.class);

  /** Half the DynamoDB client's 128 connections: more would only queue for them. */
  public static final int MAX_THREADS = 64;

  private final DynamoDbClient dynamo;
  private final String tableName;
  private final ScanStart start;
  private final Integer pageItemLimit;
  private final int threads;
  private final int maxThreads;
  private final boolean consistentRead;

  public ParallelScan(
      DynamoDbClient dynamo, String tableName, int totalSegments, boolean consistentRead) {
    this(dynamo, tableName, ScanStart.fromTheBeginning(totalSegments), null, MAX_THREADS,
        consistentRead);
  }

  /**
   * @param pageItemLimit Scan's Limit, items per page at most; null for DynamoDB's 1 MB pages
   * @param threads segments scanned at once, at most (and at most {@link #MAX_THREADS})
   */
  public ParallelScan(DynamoDbClient dynamo, String tableName, ScanStart start,
      Integer pageItemLimit, int threads, boolean consistentRead) {
    this(dynamo, tableName, start, pageItemLimit, threads, threads, consistentRead);
  }

  /**
   * @param threads segments scanned at once at first (at most {@link #MAX_THREADS})
   * @param maxThreads segments scanned at once at most while pages come back slowly
   */
  public ParallelScan(DynamoDbClient dynamo, String tableName, ScanStart start,
      Integer pageItemLimit, int threads, int maxThreads, boolean consistentRead) {
    this.dynamo = dynamo;
    this.tableName = tableName;
    this.start = start;
    this.pageItemLimit = pageItemLimit;
    this.threads = Math.min(Math.max(1, threads), MAX_THREADS);
    this.maxThreads = Math.min(Math.max(this.threads, maxThreads), MAX_THREADS);
    this.consistentRead = consistentRead;
  }

  /** Scans every segment into {@code consumer}; the first failure cancels the other segments. */
  public void run(PageConsumer<WireItem> consumer) throws InterruptedException {
    run((page, after) -> {
      if (!page.isEmpty()) {
        consumer.accept(page);
      }
    });
  }

  /**
   * Scans the segments not done yet, each from its start key, into {@code consumer}, every page
   * with the position it leaves its segment at; the first failure cancels the other segments.
   */
  public void run(ScanPages<WireItem> consumer) throws InterruptedException {
    int totalSegments = start.totalSegments();
    var segments =
        IntStream.range(0, totalSegments)
            .filter(segment -> !start.done().contains(segment))
            .toArray();
    if (segments.length == 0) {
      return;
    }
    var factory = Thread.ofPlatform().name("scan-", 0).daemon().factory();
    try (var pool = Executors.newCachedThreadPool(factory)) {
      var done = new ExecutorCompletionService<Void>(pool);
      var readers = new Readers(done, segments, consumer);
      readers.start();
      // Readers are added by running readers only: once as many have ended as were started, none
      // runs, and none can be added.
      for (int finished = 0; finished < readers.started(); finished++) {
        try {
          done.take().get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw propagate(e.getCause());
        } catch (InterruptedException e) {
          pool.shutdownNow();
          throw e;
        }
      }
    }
  }

  /**
   * The threads that read segments, each taking the next segment not taken yet until none is
   * left: as many as {@link ScanConcurrency} wants, one more started when it wants more and a
   * segment is left, one fewer (the next to finish its segment) when it wants fewer.
   */
  private final class Readers {

    private final ExecutorCompletionService<Void> done;
    private final int[] segments;
    private final ScanPages<WireItem> consumer;
    private final AtomicInteger nextSegment = new AtomicInteger();
    private final ScanConcurrency concurrency = new ScanConcurrency(threads, maxThreads);
    private int started;
    private int running;

    Readers(ExecutorCompletionService<Void> done, int[] segments, ScanPages<WireItem> consumer) {
      this.done = done;
      this.segments = segments;
      this.consumer = consumer;
    }

    synchronized void start() {
      addUpTo(Math.min(segments.length, concurrency.readers()));
    }

    /** Readers started so far, those that ended included. */
    synchronized int started() {
      return started;
    }

    /** Counts a page read, and starts a reader more if one is wanted and a segment is left. */
    synchronized void pageRead(int items, long startedNanos, long endedNanos) {
      int before = concurrency.readers();
      int wanted = concurrency.pageRead(items, startedNanos, endedNanos);
      if (wanted != before) {
        LOG.info("Reading {} segments at once instead of {}: scan pages are slow (the last took"
            + " {} ms)", wanted, before, (endedNanos - startedNanos) / 1_000_000);
      }
      if (nextSegment.get() < segments.length) {
        addUpTo(wanted);
      }
    }

    private void addUpTo(int wanted) {
      for (; running < wanted; running++, started++) {
        done.submit(this::read);
      }
    }

    /** Whether a reader that finished a segment takes another; if not, it is counted out. */
    private synchronized boolean goOn() {
      if (running > concurrency.readers()) {
        running--;
        return false;
      }
      return true;
    }

    private synchronized void ended() {
      running--;
    }

    private Void read() throws InterruptedException {
      while (goOn()) {
        int next = nextSegment.getAndIncrement();
        if (next >= segments.length) {
          ended();
          break;
        }
        scanSegment(segments[next], this);
      }
      return null;
    }
  }

  private void scanSegment(int segment, Readers readers) throws InterruptedException {
    var startKey = start.startKeys().get(segment);
    do {
      var exclusiveStartKey = startKey;
      var items = new WireScanPage();
      long sent = System.nanoTime();
      var page =
          dynamo.scan(
              scan ->
                  scan.tableName(tableName)
                      .consistentRead(consistentRead)
                      .segment(segment)
                      .totalSegments(start.totalSegments())
                      .limit(pageItemLimit)
                      .exclusiveStartKey(exclusiveStartKey)
                      .overrideConfiguration(
                          request ->
                              request.putExecutionAttribute(WireItemsInterceptor.PAGE, items)));
      if (items.items() == null) {
        throw new IllegalStateException(
            "The DynamoDB client has no WireItemsInterceptor: build it with AwsClients");
      }
      readers.pageRead(items.items().size(), sent, System.nanoTime());
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
      readers.consumer.accept(items.items(), new ScanPosition(segment, startKey));
    } while (startKey != null);
  }

  private static RuntimeException propagate(Throwable cause) throws InterruptedException {
    if (cause instanceof InterruptedException interrupted) {
      throw interrupted;
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
