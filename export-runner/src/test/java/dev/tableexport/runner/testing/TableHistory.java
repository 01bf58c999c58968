package dev.tableexport.runner.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes to a table (hash key {@code id}) and keeps, beside it, what the table held at the end of
 * each phase and which items each phase really changed: the expected answer of point-in-time and
 * incremental exports.
 */
public final class TableHistory {

  private final DynamoDbClient dynamo;
  private final String table;
  private final Map<String, Map<String, AttributeValue>> current = new HashMap<>();
  private final List<Map<String, Map<String, AttributeValue>>> phaseStates = new ArrayList<>();
  private final List<Set<String>> phaseChanges = new ArrayList<>();
  private Set<String> changing = new LinkedHashSet<>();

  public TableHistory(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public static Map<String, AttributeValue> item(String key, int version, String note) {
    return Map.of(
        "id", AttributeValue.fromS(key),
        "version", AttributeValue.fromN(Integer.toString(version)),
        "note", AttributeValue.fromS(note));
  }

  public void put(Map<String, AttributeValue> item) {
    dynamo.putItem(put -> put.tableName(table).item(item));
    var key = item.get("id").s();
    if (!item.equals(current.get(key))) {
      changing.add(key);
    }
    current.put(key, item);
  }

  /** An UpdateItem that sets {@code note}; the same note again changes nothing. */
  public void updateNote(String key, String note) {
    dynamo.updateItem(update -> update.tableName(table)
        .key(Map.of("id", AttributeValue.fromS(key)))
        .updateExpression("SET note = :note")
        .expressionAttributeValues(Map.of(":note", AttributeValue.fromS(note))));
    var before = current.get(key);
    var after = new HashMap<String, AttributeValue>(before == null ? Map.of("id", AttributeValue.fromS(key)) : before);
    after.put("note", AttributeValue.fromS(note));
    if (!after.equals(before)) {
      changing.add(key);
    }
    current.put(key, Map.copyOf(after));
  }

  public void delete(String key) {
    dynamo.deleteItem(delete -> delete.tableName(table).key(Map.of("id", AttributeValue.fromS(key))));
    if (current.remove(key) != null) {
      changing.add(key);
    }
  }

  /** Ends a phase: its state and changes become {@code phase(n)}. */
  public void endPhase() {
    phaseStates.add(Map.copyOf(current));
    phaseChanges.add(changing);
    changing = new LinkedHashSet<>();
  }

  public List<Map<String, AttributeValue>> itemsAt(int phase) {
    return List.copyOf(phaseStates.get(phase).values());
  }

  /** What an incremental export of phases {@code from+1 .. to} holds: key → [old, new]. */
  public Map<String, List<Map<String, AttributeValue>>> changesBetween(int from, int to, boolean newImageOnly) {
    var keys = new HashSet<String>();
    for (int phase = from + 1; phase <= to; phase++) {
      keys.addAll(phaseChanges.get(phase));
    }
    var changes = new HashMap<String, List<Map<String, AttributeValue>>>();
    for (var key : keys) {
      var oldImage = phaseStates.get(from).get(key);
      var newImage = phaseStates.get(to).get(key);
      if (oldImage == null && newImage == null) {
        continue;
      }
      var images = new ArrayList<Map<String, AttributeValue>>();
      images.add(newImageOnly ? null : oldImage);
      images.add(newImage);
      changes.put(key, images);
    }
    return changes;
  }
}
