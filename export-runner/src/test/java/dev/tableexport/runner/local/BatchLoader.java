package dev.tableexport.runner.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Fills a table fast: BatchWriteItem in batches of 25 from several threads, unprocessed retried. */
public final class BatchLoader {

  private static final int THREADS = 8;
  private static final int BATCH_SIZE = 25;

  private BatchLoader() {}

  /** Writes {@code items.apply(i)} for every i in {@code 0..count-1}. */
  public static void load(
      DynamoDbClient dynamo, String tableName, int count, IntFunction<Map<String, AttributeValue>> items)
      throws InterruptedException {
    try (var pool = Executors.newFixedThreadPool(THREADS)) {
      var writers = new ArrayList<Future<?>>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        writers.add(pool.submit(() -> {
          var batch = new ArrayList<WriteRequest>(BATCH_SIZE);
          for (int i = first; i < count; i += THREADS) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.apply(i)).build()).build());
            if (batch.size() == BATCH_SIZE) {
              write(dynamo, tableName, batch);
              batch.clear();
            }
          }
          write(dynamo, tableName, batch);
        }));
      }
      for (var writer : writers) {
        writer.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Filling table " + tableName + " failed", e.getCause());
    }
  }

  private static void write(DynamoDbClient dynamo, String tableName, List<WriteRequest> batch) {
    List<WriteRequest> pending = List.copyOf(batch);
    while (!pending.isEmpty()) {
      var requests = pending;
      var response = dynamo.batchWriteItem(write -> write.requestItems(Map.of(tableName, requests)));
      pending = response.unprocessedItems().getOrDefault(tableName, List.of());
    }
  }
}
