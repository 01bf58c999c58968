package dev.tableexport.runner.source;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A segmented Scan with strongly consistent reads, one thread per segment. */
public final class ParallelScan {

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
    var threads = Thread.ofPlatform().name("scan-", 0).daemon().factory();
    try (var pool = Executors.newFixedThreadPool(totalSegments, threads)) {
      var segments = new ExecutorCompletionService<Void>(pool);
      for (int segment = 0; segment < totalSegments; segment++) {
        int thisSegment = segment;
        segments.submit(
            () -> {
              scanSegment(thisSegment, consumer);
              return null;
            });
      }
      for (int done = 0; done < totalSegments; done++) {
        try {
          segments.take().get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw propagate(e.getCause());
        }
      }
    }
  }

  private void scanSegment(int segment, PageConsumer<Map<String, AttributeValue>> consumer) throws InterruptedException {
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
