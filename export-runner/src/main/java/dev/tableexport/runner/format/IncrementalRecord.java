package dev.tableexport.runner.format;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One line of incremental export data: an item's keys, the time of its last write in the window,
 * and its images at the window's start and end; an image is null where the item did not exist.
 */
public record IncrementalRecord(
    long writeTimestampMicros,
    Map<String, AttributeValue> keys,
    Map<String, AttributeValue> oldImage,
    Map<String, AttributeValue> newImage) {

  public IncrementalRecord {
    Objects.requireNonNull(keys, "keys");
  }
}
