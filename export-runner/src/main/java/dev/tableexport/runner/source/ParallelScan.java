package dev.tableexport.runner.source;

import dev.tableexport.runner.format.WireItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A segmented Scan. Segments are taken in turn by a bounded number of threads (at most {@link
 * #MAX_THREADS}), so that memory and threads stay bounded whatever the segment count (up to
 * DynamoDB's 1,000,000), each from where an earlier attempt left it ({@link ScanStart}). Items
 * come as the JSON of the Scan responses ({@link WireItemsInterceptor}), for the encoders to parse
 * once; the client must carry that interceptor.
 *
 * <p>Reads are eventually consistent unless asked otherwise: half the read capacity, and a scan is
 * fuzzy anyway (it does not see the table at one instant), which the change log corrects where an
 * export needs a point in time.
 */
public final class ParallelScan {

  /** Half the DynamoDB client's 128 connections: more would only queue for them. */
  public static final int MAX_THREADS = 64;

  private final DynamoDbClient dynamo;
  private final String tableName;
  private final ScanStart start;
  private final Integer pageItemLimit;
  private final int threads;
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
    this.dynamo = dynamo;
    this.tableName = tableName;
    this.start = start;
    this.pageItemLimit = pageItemLimit;
    this.threads = Math.min(Math.max(1, threads), MAX_THREADS);
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
    int workers = Math.min(segments.length, threads);
    var nextSegment = new AtomicInteger();
    var threads = Thread.ofPlatform().name("scan-", 0).daemon().factory();
    try (var pool = Executors.newFixedThreadPool(workers, threads)) {
      var done = new ExecutorCompletionService<Void>(pool);
      for (int worker = 0; worker < workers; worker++) {
        done.submit(
            () -> {
              int next;
              while ((next = nextSegment.getAndIncrement()) < segments.length) {
                scanSegment(segments[next], consumer);
              }
              return null;
            });
      }
      for (int finished = 0; finished < workers; finished++) {
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

  private void scanSegment(int segment, ScanPages<WireItem> consumer)
      throws InterruptedException {
    var startKey = start.startKeys().get(segment);
    do {
      var exclusiveStartKey = startKey;
      var items = new WireScanPage();
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
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
      consumer.accept(items.items(), new ScanPosition(segment, startKey));
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
