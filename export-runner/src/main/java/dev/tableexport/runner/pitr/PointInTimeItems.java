package dev.tableexport.runner.pitr;

import dev.tableexport.runner.source.PageConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table as it was at a time T, from the store: the newest snapshot that ended at or before T,
 * with every change recorded from the snapshot's start up to T applied, the last write per key
 * winning. Snapshot and changes are merged by an external sort on the key, so neither is ever held
 * in memory.
 */
public final class PointInTimeItems {

  private static final int PAGE_SIZE = 256;

  private final BackupStore store;
  private final KeyBytes keys;
  private final Path workDirectory;
  private final long sortMemoryBytes;

  public PointInTimeItems(BackupStore store, KeyBytes keys, Path workDirectory, long sortMemoryBytes) {
    this.store = store;
    this.keys = keys;
    this.workDirectory = workDirectory;
    this.sortMemoryBytes = sortMemoryBytes;
  }

  /** The snapshot an export at {@code atMicros} starts from, if the store has one. */
  public java.util.Optional<SnapshotManifest> baseSnapshot(long atMicros) {
    return store.listSnapshots().stream().filter(s -> s.endMicros() <= atMicros)
        .reduce((older, newer) -> newer);
  }

  /** @param ownsKey which keys (as {@link KeyBytes}) to export: a worker's share, or all */
  public void produce(SnapshotManifest snapshot, long atMicros, Predicate<byte[]> ownsKey,
      PageConsumer<Map<String, AttributeValue>> pages) throws InterruptedException {
    try (var sorter = new ExternalSorter(workDirectory, sortMemoryBytes)) {
      for (var file : store.dataFileKeys(snapshot)) {
        store.forEachLine(file, ChangeLog::parseItem,
            (item, line) -> add(sorter, ownsKey, keys.of(item), Long.MIN_VALUE, line));
      }
      for (var segment : store.listSegments()) {
        if (!segment.overlaps(snapshot.startMicros(), atMicros)) {
          continue;
        }
        store.forEachLine(segment.key(), ChangeLog::parseRecord, (record, line) -> {
          long time = record.writeTimestampMicros();
          if (time >= snapshot.startMicros() && time <= atMicros) {
            add(sorter, ownsKey, keys.of(record.keys()), time, line);
          }
        });
      }
      emitLastWritePerKey(sorter, pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Hands over, per key, the item its last entry leaves: an entry whose time is {@code
   * Long.MIN_VALUE} holds a DYNAMODB_JSON item line, any other a change record line, whose
   * NewImage is the item (none: deleted).
   */
  public static void emitLastWritePerKey(
      ExternalSorter sorter, PageConsumer<Map<String, AttributeValue>> pages)
      throws IOException, InterruptedException {
    var page = new ArrayList<Map<String, AttributeValue>>(PAGE_SIZE);
    try (var sorted = sorter.sorted()) {
      SortedEntry last = null;
      while (sorted.hasNext()) {
        var entry = sorted.next();
        if (last != null && !Arrays.equals(last.key(), entry.key())) {
          emit(last, page, pages);
        }
        last = entry;
      }
      if (last != null) {
        emit(last, page, pages);
      }
    }
    if (!page.isEmpty()) {
      pages.accept(page);
    }
  }

  private static void emit(SortedEntry entry, List<Map<String, AttributeValue>> page,
      PageConsumer<Map<String, AttributeValue>> pages) throws InterruptedException {
    Map<String, AttributeValue> item =
        entry.time() == Long.MIN_VALUE
            ? ChangeLog.parseItem(entry.payload())
            : ChangeLog.parseRecord(entry.payload()).newImage();
    if (item == null) {
      return; // deleted by its last change
    }
    page.add(item);
    if (page.size() == PAGE_SIZE) {
      pages.accept(List.copyOf(page));
      page.clear();
    }
  }

  /** Adds the entry to the sort when its key is owned. */
  static void add(ExternalSorter sorter, Predicate<byte[]> ownsKey, byte[] key, long time,
      byte[] payload) {
    if (!ownsKey.test(key)) {
      return;
    }
    try {
      sorter.add(key, time, payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
