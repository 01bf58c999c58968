package dev.tableexport.runner.pitr;

import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.format.ItemSize;
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
 * What changed in {@code [from, to)}, compacted as DynamoDB's incremental export does: one record
 * per item written in the window, its OldImage the item at {@code from} (the first change's old
 * image), its NewImage the item just before {@code to} (the last change's new image), its
 * WriteTimestampMicros the last change's time; nothing for an item both created and deleted inside
 * the window. The change records are grouped by key by an external sort.
 */
public final class IncrementalChanges {

  private static final int PAGE_SIZE = 256;

  private final BackupStore store;
  private final KeyBytes keys;
  private final Path workDirectory;
  private final long sortMemoryBytes;
  private long processedBytes;

  public IncrementalChanges(BackupStore store, KeyBytes keys, Path workDirectory, long sortMemoryBytes) {
    this.store = store;
    this.keys = keys;
    this.workDirectory = workDirectory;
    this.sortMemoryBytes = sortMemoryBytes;
  }

  /**
   * @param newImageOnly the NEW_IMAGE view: records carry no OldImage
   * @param ownsKey which keys (as {@link KeyBytes}) to export: a worker's share, or all
   */
  public void produce(long fromMicros, long toMicros, boolean newImageOnly,
      Predicate<byte[]> ownsKey, PageConsumer<IncrementalRecord> pages)
      throws InterruptedException {
    try (var sorter = new ExternalSorter(workDirectory, sortMemoryBytes)) {
      for (var segment : store.listSegments()) {
        if (!segment.overlaps(fromMicros, toMicros - 1)) {
          continue;
        }
        store.forEachLine(segment.key(), ChangeLog::parseRecord, (record, line) -> {
          long time = record.writeTimestampMicros();
          var key = keys.of(record.keys());
          if (time >= fromMicros && time < toMicros && ownsKey.test(key)) {
            processedBytes += size(record);
            PointInTimeItems.add(sorter, ownsKey, key, time, line);
          }
        });
      }
      compact(sorter, newImageOnly, pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of change data the last {@link #produce} processed, as DynamoDB bills them. */
  public long processedBytes() {
    return processedBytes;
  }

  private static void compact(ExternalSorter sorter, boolean newImageOnly, PageConsumer<IncrementalRecord> pages)
      throws IOException, InterruptedException {
    var page = new ArrayList<IncrementalRecord>(PAGE_SIZE);
    try (var sorted = sorter.sorted()) {
      IncrementalRecord first = null;
      IncrementalRecord last = null;
      byte[] key = null;
      while (sorted.hasNext()) {
        var entry = sorted.next();
        var record = ChangeLog.parseRecord(entry.payload());
        if (key != null && !Arrays.equals(key, entry.key())) {
          emit(first, last, newImageOnly, page, pages);
          first = null;
        }
        if (first == null) {
          first = record;
        }
        last = record;
        key = entry.key();
      }
      if (first != null) {
        emit(first, last, newImageOnly, page, pages);
      }
    }
    if (!page.isEmpty()) {
      pages.accept(page);
    }
  }

  private static void emit(IncrementalRecord first, IncrementalRecord last, boolean newImageOnly,
      List<IncrementalRecord> page, PageConsumer<IncrementalRecord> pages) throws InterruptedException {
    var oldImage = newImageOnly ? null : first.oldImage();
    if (first.oldImage() == null && last.newImage() == null) {
      return; // created and deleted inside the window
    }
    page.add(new IncrementalRecord(last.writeTimestampMicros(), last.keys(), oldImage, last.newImage()));
    if (page.size() == PAGE_SIZE) {
      pages.accept(List.copyOf(page));
      page.clear();
    }
  }

  private static long size(IncrementalRecord record) {
    return ItemSize.of(record.keys()) + size(record.oldImage()) + size(record.newImage());
  }

  private static long size(Map<String, AttributeValue> image) {
    return image == null ? 0 : ItemSize.of(image);
  }
}
