package dev.tableexport.runner.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.manifest.ManifestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * What one worker of a split export wrote, stored once its data files are durable: the manifests
 * are made from the parts of all workers. Times are epoch milliseconds.
 *
 * @param exportTimeMillis the state exported (full exports), else null
 * @param scanSegments the scan's TotalSegments, 0 for exports that do not scan the table
 * @param billedSizeBytes of this worker's items; of its change data for incremental exports
 * @param exportFromMillis the resolved window, for incremental exports, else null
 */
public record ExportPart(
    int worker,
    int workers,
    String exportFormat,
    long startTimeMillis,
    long endTimeMillis,
    Long exportTimeMillis,
    int scanSegments,
    long billedSizeBytes,
    long itemCount,
    Long exportFromMillis,
    Long exportToMillis,
    String exportViewType,
    List<DataFileEntry> files) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ExportPart of(WorkerShare share, String exportFormat, Instant startTime, Instant endTime,
      ExportPlan.Result result) {
    var files = result.pipeline().files();
    var window = result.incremental();
    return new ExportPart(share.index(), share.count(), exportFormat, startTime.toEpochMilli(),
        endTime.toEpochMilli(),
        result.exportTime() == null ? null : result.exportTime().toEpochMilli(),
        result.scanSegments(), result.billedSizeBytes(), ManifestFiles.itemCount(files),
        window == null ? null : window.exportFromTime().toEpochMilli(),
        window == null ? null : window.exportToTime().toEpochMilli(),
        window == null ? null : window.exportViewType(),
        List.copyOf(files));
  }

  public Instant startTime() {
    return Instant.ofEpochMilli(startTimeMillis);
  }

  public Instant endTime() {
    return Instant.ofEpochMilli(endTimeMillis);
  }

  public Instant exportTime() {
    return exportTimeMillis == null ? null : Instant.ofEpochMilli(exportTimeMillis);
  }

  public IncrementalExportSpecification incremental() {
    return exportFromMillis == null ? null : new IncrementalExportSpecification(
        Instant.ofEpochMilli(exportFromMillis), Instant.ofEpochMilli(exportToMillis),
        exportViewType);
  }

  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Throws IOException for bytes that are no part. */
  public static ExportPart parse(byte[] bytes) throws IOException {
    return JSON.readValue(bytes, ExportPart.class);
  }
}
