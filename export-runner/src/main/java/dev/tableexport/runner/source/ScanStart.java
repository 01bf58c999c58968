package dev.tableexport.runner.source;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a segmented scan begins: every segment from its start, or, resuming an interrupted
 * export, each segment from the key its checkpoint holds, and done segments not at all.
 */
public record ScanStart(
    int totalSegments, Map<Integer, Map<String, AttributeValue>> startKeys, Set<Integer> done) {

  public static ScanStart fromTheBeginning(int totalSegments) {
    return new ScanStart(totalSegments, Map.of(), Set.of());
  }
}
