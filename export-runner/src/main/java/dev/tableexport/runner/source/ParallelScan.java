package dev.tableexport.runner.source;

import dev.tableexport.runner.format.WireItem;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A segmented Scan. Segments are taken in turn by at most {@link #MAX_THREADS} threads, so that
 * memory and threads stay bounded whatever the segment count (up to DynamoDB's 1,000,000). Items
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
  private final int totalSegments;
  private final boolean consistentRead;

  public ParallelScan(
      DynamoDbClient dynamo, String tableName, int totalSegments, boolean consistentRead) {
    this.dynamo = dynamo;
    this.tableName = tableName;
    this.totalSegments = totalSegments;
    this.consistentRead = consistentRead;
  }

  /** Scans every segment into {@code consumer}; the first failure cancels the other segments. */
  public void run(PageConsumer<WireItem> consumer) throws InterruptedException {
    int workers = Math.min(totalSegments, MAX_THREADS);
    var nextSegment = new AtomicInteger();
    var threads = Thread.ofPlatform().name("scan-", 0).daemon().factory();
    try (var pool = Executors.newFixedThreadPool(workers, threads)) {
      var done = new ExecutorCompletionService<Void>(pool);
      for (int worker = 0; worker < workers; worker++) {
        done.submit(
            () -> {
              int segment;
              while ((segment = nextSegment.getAndIncrement()) < totalSegments) {
                scanSegment(segment, consumer);
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

  private void scanSegment(int segment, PageConsumer<WireItem> consumer)
      throws InterruptedException {
    Map<String, AttributeValue> startKey = null;
    do {
      var exclusiveStartKey = startKey;
      var items = new WireScanPage();
      var page =
          dynamo.scan(
              scan ->
                  scan.tableName(tableName)
                      .consistentRead(consistentRead)
                      .segment(segment)
                      .totalSegments(totalSegments)
                      .exclusiveStartKey(exclusiveStartKey)
                      .overrideConfiguration(
                          request ->
                              request.putExecutionAttribute(WireItemsInterceptor.PAGE, items)));
      if (items.items() == null) {
        throw new IllegalStateException(
            "The DynamoDB client has no WireItemsInterceptor: build it with AwsClients");
      }
      if (!items.items().isEmpty()) {
        consumer.accept(items.items());
      }
      startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty());
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
