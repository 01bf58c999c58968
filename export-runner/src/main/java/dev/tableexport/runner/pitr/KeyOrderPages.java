package dev.tableexport.runner.pitr;

import dev.tableexport.runner.export.Resume;
import dev.tableexport.runner.source.PageConsumer;
import dev.tableexport.runner.source.ScanPages;
import dev.tableexport.runner.source.ScanPosition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lines of a sorted merge, emitted in the order of their {@link KeyBytes}, as a checkpointed
 * source: each page carries the key of its last line as the position of the one segment
 * {@link #SEGMENT}, as a scan's page carries its LastEvaluatedKey. A rerun reads and sorts its
 * inputs again and skips every line up to and including the last key its checkpoints hold.
 *
 * @param <T> a line: an item, or an incremental record
 */
public final class KeyOrderPages<T> implements PageConsumer<T> {

  /** A merge is one segment of one worker's keys. */
  public static final int SEGMENT = 0;
  public static final int TOTAL_SEGMENTS = 1;

  private final KeyBytes keys;
  private final Function<T, Map<String, AttributeValue>> keyOf;
  private final ScanPages<T> pages;
  /** The last key checkpointed; null once the merge is past it (or for a fresh start). */
  private byte[] skipThrough;

  /**
   * @param keyOf the line's item or keys, of which {@link KeyBytes} takes the key
   * @param resume the checkpoints of earlier attempts of this export
   */
  public KeyOrderPages(KeyBytes keys, Function<T, Map<String, AttributeValue>> keyOf,
      Resume resume, ScanPages<T> pages) {
    this.keys = keys;
    this.keyOf = keyOf;
    this.pages = pages;
    this.skipThrough = resume.scan()
        .map(start -> start.startKeys().get(SEGMENT))
        .map(keys::of)
        .orElse(null);
  }

  @Override
  public void accept(List<T> page) throws InterruptedException {
    var rest = skipThrough == null ? page : afterCheckpoint(page);
    if (rest.isEmpty()) {
      return;
    }
    var lastKey = keys.keyOf(keyOf.apply(rest.getLast()));
    pages.accept(rest, new ScanPosition(SEGMENT, lastKey));
  }

  /** The page's lines after the checkpointed key; the lines come in key order. */
  private List<T> afterCheckpoint(List<T> page) {
    for (int i = 0; i < page.size(); i++) {
      if (Arrays.compareUnsigned(keys.of(keyOf.apply(page.get(i))), skipThrough) > 0) {
        skipThrough = null;
        return page.subList(i, page.size());
      }
    }
    return List.of();
  }
}
