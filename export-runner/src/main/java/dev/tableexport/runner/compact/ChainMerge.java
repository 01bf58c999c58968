package dev.tableexport.runner.compact;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.format.ItemEncoder;
import dev.tableexport.runner.pitr.ExternalSorter;
import dev.tableexport.runner.pitr.KeyBytes;
import dev.tableexport.runner.pitr.PointInTimeItems;
import dev.tableexport.runner.source.PageConsumer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The table at the end of a chain: the full export's items with the records of every incremental
 * export applied in chain order, by key, the last one winning; a record without a NewImage deletes
 * its item. Items and records meet in an external sort on the key, so neither is held in memory.
 *
 * <p>No manifest holds the table's key schema: the key attributes are the names in the records'
 * {@code Keys}, which hold exactly the item's primary key. Every record must have the same names,
 * and every item of the full export must have them. A chain with no record at all is its full
 * export, whose items are then handed over unsorted.
 */
public final class ChainMerge implements ExportPipeline.LineSource<Map<String, AttributeValue>> {

  private static final int PAGE_SIZE = 256;
  /** The sort time of the full export's items, as {@link PointInTimeItems} takes them. */
  private static final long FULL_EXPORT_ITEM = Long.MIN_VALUE;

  private final S3Client s3;
  private final ExportChain chain;
  private final Path workDirectory;
  private final long sortMemoryBytes;

  public ChainMerge(S3Client s3, ExportChain chain, Path workDirectory, long sortMemoryBytes) {
    this.s3 = s3;
    this.chain = chain;
    this.workDirectory = workDirectory;
    this.sortMemoryBytes = sortMemoryBytes;
  }

  @Override
  public void produce(PageConsumer<Map<String, AttributeValue>> pages) throws InterruptedException {
    try (var sorter = new ExternalSorter(workDirectory, sortMemoryBytes)) {
      var keys = addRecords(sorter);
      if (keys == null) {
        handOverFullExport(pages);
        return;
      }
      addItems(sorter, keys);
      PointInTimeItems.emitLastWritePerKey(sorter, pages);
    } catch (IOException | UncheckedIOException e) {
      throw new ExportFailure(FailureCodes.INTERNAL_ERROR,
          "Sorting the chain's items in --work-dir " + workDirectory + " failed: " + e, e);
    }
  }

  /** Adds every link's records, sorted at the link's place in the chain; null if there are none. */
  private KeySchema addRecords(ExternalSorter sorter) throws IOException {
    KeySchema keys = null;
    for (int link = 1; link < chain.links().size(); link++) {
      var exported = chain.links().get(link);
      for (var file : exported.files()) {
        try (var lines = DataFileLines.open(s3, exported, file)) {
          for (var record = lines.nextRecord(); record != null; record = lines.nextRecord()) {
            if (keys == null) {
              keys = new KeySchema(record.keys().keySet(), lines.uri());
            }
            keys.check(record.keys().keySet(), lines.uri());
            sorter.add(keys.bytes.of(record.keys()), link,
                jsonLine(ItemEncoder::writeIncrementalRecord, record));
          }
        }
      }
    }
    return keys;
  }

  private void addItems(ExternalSorter sorter, KeySchema keys) throws IOException {
    var base = chain.base();
    for (var file : base.files()) {
      try (var lines = DataFileLines.open(s3, base, file)) {
        for (var item = lines.nextItem(); item != null; item = lines.nextItem()) {
          sorter.add(keys.of(item, lines.uri()), FULL_EXPORT_ITEM,
              jsonLine(ItemEncoder::writeItem, item));
        }
      }
    }
  }

  private void handOverFullExport(PageConsumer<Map<String, AttributeValue>> pages)
      throws IOException, InterruptedException {
    var base = chain.base();
    var page = new ArrayList<Map<String, AttributeValue>>(PAGE_SIZE);
    for (var file : base.files()) {
      try (var lines = DataFileLines.open(s3, base, file)) {
        for (var item = lines.nextItem(); item != null; item = lines.nextItem()) {
          page.add(item);
          if (page.size() == PAGE_SIZE) {
            pages.accept(List.copyOf(page));
            page.clear();
          }
        }
      }
    }
    if (!page.isEmpty()) {
      pages.accept(page);
    }
  }

  /** The sort's payload: the line in DYNAMODB_JSON, the form {@link PointInTimeItems} reads. */
  /** Writes one line with an encoder. */
  @FunctionalInterface
  private interface Encoding<T> {
    void write(ItemEncoder encoder, T line) throws IOException;
  }

  private static <T> byte[] jsonLine(Encoding<T> writer, T line) throws IOException {
    var out = new ByteArrayOutputStream(256);
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(out)) {
      writer.write(encoder, line);
    }
    return out.toByteArray();
  }

  /** The key attributes, as the first record's Keys name them. */
  private static final class KeySchema {

    private final Set<String> names;
    private final String source;
    private final KeyBytes bytes;

    KeySchema(Set<String> names, String source) {
      this.names = new TreeSet<>(names);
      this.source = source;
      this.bytes = new KeyBytes(List.copyOf(this.names));
    }

    void check(Set<String> recordKeys, String file) {
      if (!names.equals(new TreeSet<>(recordKeys))) {
        throw new ExportFailure(FailureCodes.VALIDATION, "A record of " + file + " has Keys "
            + new TreeSet<>(recordKeys) + ", but the records of " + source + " have Keys " + names
            + ": the incremental exports are not of one table.");
      }
    }

    byte[] of(Map<String, AttributeValue> item, String file) {
      try {
        return bytes.of(item);
      } catch (IllegalArgumentException e) {
        throw new ExportFailure(FailureCodes.VALIDATION, "An item of " + file + " has no key "
            + names + " (" + e.getMessage() + "), which the Keys of the incremental records of "
            + source + " hold: the full export is not of the incremental exports' table.");
      }
    }
  }
}
