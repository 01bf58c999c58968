package dev.tableexport.runner.cli;

import dev.tableexport.contract.ApiLimits;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.source.ParallelScan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Tuning of the export pipeline, shared by export, record and bench. A value out of range is a
 * usage error, found before anything is written.
 */
final class PipelineOptions {

  /** Data files are held in memory until uploaded, (encoders + uploads) at a time: 1 GiB at most. */
  static final int MAX_DATA_FILE_MIB = 1024;

  /** More threads than this would queue on the HTTP connections of one process anyway. */
  static final int MAX_THREADS = 256;

  private static final ExportPipeline.Settings DEFAULTS = ExportPipeline.Settings.defaults();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--scan-segments", paramLabel = "N",
      description = "Parallel Scan segments, 1 to " + ApiLimits.MAX_SCAN_SEGMENTS + " (DynamoDB's"
          + " limit); at most " + ParallelScan.MAX_THREADS + " are scanned at once, the others"
          + " wait their turn (default: ${DEFAULT-VALUE}).")
  int scanSegments = DEFAULTS.scanSegments();

  @Option(names = "--encoder-threads", paramLabel = "N",
      description = "Threads encoding and compressing items, 1 to " + MAX_THREADS
          + " (default: ${DEFAULT-VALUE}).")
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

  /** The settings; a value out of range is a usage error (exit code 2) that says what to give. */
  ExportPipeline.Settings settings() {
    return new ExportPipeline.Settings(
        inRange(scanSegments, ApiLimits.MAX_SCAN_SEGMENTS, "--scan-segments",
            "DynamoDB's Scan takes 1 to " + ApiLimits.MAX_SCAN_SEGMENTS + " segments"),
        inRange(encoderThreads, MAX_THREADS, "--encoder-threads", "one per core is plenty"),
        inRange(uploadThreads, MAX_THREADS, "--upload-threads",
            "each upload holds a data file in memory"),
        (long) inRange(maxDataFileMib, MAX_DATA_FILE_MIB, "--max-data-file-mib",
            "data files are held in memory until uploaded") << 20);
  }

  private int inRange(int value, int max, String option, String why) {
    if (value < 1 || value > max) {
      throw new ParameterException(command.commandLine(), "Invalid value " + value + " for "
          + option + ": give 1 to " + max + " (" + why + ").");
    }
    return value;
  }
}
