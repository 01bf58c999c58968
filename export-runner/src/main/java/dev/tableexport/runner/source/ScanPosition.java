package dev.tableexport.runner.source;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How far a scan segment has read: the key to go on from, or none once the segment is done.
 *
 * @param nextKey the page's LastEvaluatedKey; null when the segment has no more pages
 */
public record ScanPosition(int segment, Map<String, AttributeValue> nextKey) {

  public boolean segmentDone() {
    return nextKey == null;
  }
}
