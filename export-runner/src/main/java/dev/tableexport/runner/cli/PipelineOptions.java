package dev.tableexport.runner.cli;

import dev.tableexport.contract.ApiLimits;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.source.ParallelScan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Tuning of the export pipeline, shared by export, record and the demo module's bench. A value
 * out of range is a usage error, found before anything is written.
 */
public final class PipelineOptions {

  /** Data files are held in memory until uploaded, (encoders + uploads) at a time: 1 GiB at most. */
  static final int MAX_DATA_FILE_MIB = 1024;

  /** More threads than this would queue on the HTTP connections of one process anyway. */
  static final int MAX_THREADS = 256;

  private static final ExportPipeline.Settings DEFAULTS = ExportPipeline.Settings.defaults();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--scan-segments", paramLabel = "N",
      description = "Parallel Scan segments, 1 to " + ApiLimits.MAX_SCAN_SEGMENTS + " (DynamoDB's"
          + " limit), or 0 to choose by the table's size: one per 2 GB (DynamoDB's guidance) and"
          + " per 2,000 items, at least --scan-threads. A resumed export keeps the count it"
          + " began with (default: ${DEFAULT-VALUE}).")
  int scanSegments = DEFAULTS.scanSegments();

  @Option(names = "--scan-threads", paramLabel = "N",
      description = "Segments scanned at once at first, 1 to " + ParallelScan.MAX_THREADS + "; the"
          + " others wait their turn (default: from the container's CPU and memory,"
          + " ${DEFAULT-VALUE}).")
  int scanThreads = DEFAULTS.scanThreads();

  @Option(names = "--max-scan-threads", paramLabel = "N",
      description = "Segments scanned at once at most, 1 to " + ParallelScan.MAX_THREADS + ": while"
          + " pages take over a second, the scan tries more threads, and fewer, and keeps"
          + " what reads faster (default: what the container's memory allows, ${DEFAULT-VALUE};"
          + " --scan-threads when that is larger).")
  int maxScanThreads = DEFAULTS.maxScanThreads();

  @Option(names = "--scan-page-items", paramLabel = "N", hidden = true,
      description = "Scan's Limit: items per page at most (default: DynamoDB's 1 MB pages).")
  Integer scanPageItems;

  @Option(names = "--encoder-threads", paramLabel = "N",
      description = "Threads encoding and compressing items, 1 to " + MAX_THREADS
          + " (default: from the container's CPU and memory, ${DEFAULT-VALUE}).")
  int encoderThreads = DEFAULTS.encoderThreads();

  @Option(names = "--upload-threads", paramLabel = "N",
      description = "Data files uploaded at once, 1 to " + MAX_THREADS
          + " (default: ${DEFAULT-VALUE}).")
  int uploadThreads = DEFAULTS.uploadThreads();

  @Option(names = "--max-data-file-mib", paramLabel = "MIB",
      description = "Compressed size at which a data file is closed and the next begun, 1 to "
          + MAX_DATA_FILE_MIB + "; memory use is about (encoder threads + upload threads) x this"
          + " (default: ${DEFAULT-VALUE}).")
  int maxDataFileMib = (int) (DEFAULTS.maxDataFileBytes() >> 20);

  /** Tests: small data files, so that a small table makes many. */
  @Option(names = "--max-data-file-kib", paramLabel = "KIB", hidden = true,
      description = "Like --max-data-file-mib, in KiB; wins over it.")
  Integer maxDataFileKib;

  /** The settings; a value out of range is a usage error (exit code 2) that says what to give. */
  public ExportPipeline.Settings settings() {
    long maxDataFileBytes = maxDataFileKib != null
        ? (long) inRange(maxDataFileKib, 1, MAX_DATA_FILE_MIB << 10, "--max-data-file-kib",
            "data files are held in memory until uploaded") << 10
        : (long) inRange(maxDataFileMib, MAX_DATA_FILE_MIB, "--max-data-file-mib",
            "data files are held in memory until uploaded") << 20;
    return new ExportPipeline.Settings(
        inRange(scanSegments, 0, ApiLimits.MAX_SCAN_SEGMENTS, "--scan-segments",
            "DynamoDB's Scan takes 1 to " + ApiLimits.MAX_SCAN_SEGMENTS + " segments; 0 chooses by"
                + " the table's size"),
        inRange(encoderThreads, MAX_THREADS, "--encoder-threads", "one per core is plenty"),
        inRange(uploadThreads, MAX_THREADS, "--upload-threads",
            "each upload holds a data file in memory"),
        maxDataFileBytes,
        scanPageItems == null ? null : inRange(scanPageItems, 1_000_000, "--scan-page-items",
            "Scan's Limit"),
        inRange(scanThreads, ParallelScan.MAX_THREADS, "--scan-threads",
            "more would queue for the DynamoDB client's connections"),
        Math.max(scanThreads, inRange(maxScanThreads, ParallelScan.MAX_THREADS,
            "--max-scan-threads", "more would queue for the DynamoDB client's connections")));
  }

  private int inRange(int value, int max, String option, String why) {
    return inRange(value, 1, max, option, why);
  }

  private int inRange(int value, int min, int max, String option, String why) {
    if (value < min || value > max) {
      throw new ParameterException(command.commandLine(), "Invalid value " + value + " for "
          + option + ": give " + min + " to " + max + " (" + why + ").");
    }
    return value;
  }
}
