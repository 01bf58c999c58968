package dev.tableexport.runner.export;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.sink.ExportLayout;
import dev.tableexport.runner.sink.S3ObjectStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The part records of a split export's workers, under {@link ExportLayout#partsDirectory()}, and
 * the whole export they add up to once every worker wrote its part. SDK exceptions pass through.
 */
final class ExportParts {

  /**
   * The export the parts add up to, deterministically, whichever worker merges them.
   *
   * @param first the part of the first worker: what all parts agree on
   * @param files sorted by worker, then key
   */
  record Whole(ExportPart first, List<DataFileEntry> files, long billedSizeBytes,
      Instant startTime, Instant endTime, Instant exportTime) {}

  private final S3ObjectStore store;
  private final ExportLayout layout;

  ExportParts(S3ObjectStore store, ExportLayout layout) {
    this.store = store;
    this.layout = layout;
  }

  void write(ExportPart part) {
    store.put(layout.partKey(part.worker()), part.toBytes());
  }

  /** This worker's part, when an earlier attempt of it wrote one. */
  Optional<ExportPart> own() {
    return store.getIfExists(layout.partKey(layout.worker())).map(this::parse);
  }

  /**
   * Every worker's part, sorted by worker; empty while some have not written theirs, and when a
   * part listed a moment ago is gone (another worker completed the export and removed them).
   */
  Optional<List<ExportPart>> all() {
    var keys = store.keysUnder(layout.partsDirectory());
    if (keys.size() < layout.workers()) {
      return Optional.empty();
    }
    var parts = new ArrayList<ExportPart>();
    for (int worker = 0; worker < layout.workers(); worker++) {
      var key = layout.partKey(worker);
      if (!keys.contains(key)) {
        return Optional.empty();
      }
      var bytes = store.getIfExists(key);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      parts.add(parse(bytes.get()));
    }
    return Optional.of(parts);
  }

  /**
   * The whole export: the files of all parts, item counts and billed sizes summed, the earliest
   * start (and, for scans, export time: each worker's scan starts when it does), the latest end.
   * Parts that disagree on what they exported cannot make one export: a permanent failure.
   */
  static Whole merge(List<ExportPart> unsorted) {
    var parts = unsorted.stream().sorted(Comparator.comparingInt(ExportPart::worker)).toList();
    var first = parts.getFirst();
    for (var part : parts) {
      agree(first, part, "format", ExportPart::exportFormat);
      agree(first, part, "scan segments (the table's size changed between the workers' starts:"
          + " give --scan-segments)", ExportPart::scanSegments);
      agree(first, part, "incremental window", ExportPart::incremental);
      if (first.scanSegments() == 0) {
        agree(first, part, "export time", ExportPart::exportTime);
      }
    }
    var files = parts.stream()
        .flatMap(part -> part.files().stream()
            .sorted(Comparator.comparing(DataFileEntry::dataFileS3Key)))
        .toList();
    var start = parts.stream().map(ExportPart::startTime).min(Comparator.naturalOrder()).get();
    var end = parts.stream().map(ExportPart::endTime).max(Comparator.naturalOrder()).get();
    var exportTime = first.exportTime() == null ? null
        : parts.stream().map(ExportPart::exportTime).min(Comparator.naturalOrder()).get();
    return new Whole(first, files, parts.stream().mapToLong(ExportPart::billedSizeBytes).sum(),
        start, end, exportTime);
  }

  private static void agree(ExportPart first, ExportPart other, String what,
      Function<ExportPart, Object> value) {
    if (!Objects.equals(value.apply(first), value.apply(other))) {
      throw new ExportFailure(FailureCodes.VALIDATION, "The workers of this split export disagree"
          + " on the " + what + ": worker " + first.worker() + " has " + value.apply(first)
          + ", worker " + other.worker() + " " + value.apply(other) + ". Create the export again.");
    }
  }

  private ExportPart parse(byte[] bytes) {
    try {
      return ExportPart.parse(bytes);
    } catch (IOException e) {
      throw new ExportFailure(FailureCodes.EXPORT_CONFLICT, "A part record under "
          + layout.partsDirectory() + " cannot be read; this export ARN was used before. Give a"
          + " new --export-arn.", e);
    }
  }
}
