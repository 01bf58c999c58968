package dev.tableexport.runner.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes items or incremental records to one data file's (uncompressed) stream, one line each.
 * Closing the encoder flushes it but leaves the underlying stream open.
 */
public interface ItemEncoder extends Closeable {

  void writeItem(Map<String, AttributeValue> item) throws IOException;

  /** Writes an item as a Scan response held it; returns its billed size ({@link ItemSize}). */
  long writeItem(WireItem item) throws IOException;

  void writeIncrementalRecord(IncrementalRecord record) throws IOException;
}
