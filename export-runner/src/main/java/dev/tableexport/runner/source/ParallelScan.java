package dev.tableexport.runner.source;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A segmented Scan with strongly consistent reads. Segments are taken in turn by at most {@link
 * #MAX_THREADS} threads, so that memory and threads stay bounded whatever the segment count (up to
 * DynamoDB's 1,000,000).
 */
public final class ParallelScan {

  /** Half the DynamoDB client's 128 connections: more would only queue for them. */
  public static final int MAX_THREADS = 64;

  private final DynamoDbClient dynamo;
  private final String tableName;
  private final int totalSegments;

  public ParallelScan(DynamoDbClient dynamo, String tableName, int totalSegments) {
    this.dynamo = dynamo;
    this.tableName = tableName;
    this.totalSegments = totalSegments;
  }

  /** Scans every segment into {@code consumer}; the first failure cancels the other segments. */
  public void run(PageConsumer<Map<String, AttributeValue>> consumer) throws InterruptedException {
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

  private void scanSegment(int segment, PageConsumer<Map<String, AttributeValue>> consumer)
      throws InterruptedException {
    Map<String, AttributeValue> startKey = null;
    do {
      var exclusiveStartKey = startKey;
      var page =
          dynamo.scan(
              scan ->
                  scan.tableName(tableName)
                      .consistentRead(true)
                      .segment(segment)
                      .totalSegments(totalSegments)
                      .exclusiveStartKey(exclusiveStartKey));
      if (page.hasItems() && !page.items().isEmpty()) {
        consumer.accept(page.items());
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
