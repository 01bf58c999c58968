package dev.tableexport.runner.resources;

import dev.tableexport.runner.export.ExportPipeline;

/**
 * Sizes the export pipeline for the container: threads from its CPU limit (the node's cores only
 * when it has none), and what those threads hold in memory (data files being filled or uploaded,
 * scan pages in flight, also those of the scan threads added while pages come back slowly)
 * within half the heap, which the JVM sizes from the memory limit
 * ({@code -XX:MaxRAMPercentage} in the image), so that the rest of the heap and the JVM's own
 * memory stay inside the pod's limit.
 *
 * @param cpus the CPUs the container may use
 * @param heapBytes the largest heap
 */
public record PipelineSizing(int cpus, long heapBytes) {

  /** DynamoDB's largest page is 1 MB of data, a few times that once unmarshalled into maps. */
  static final long PAGE_BYTES = 4L << 20;
  static final long MAX_DATA_FILE_BYTES = 16L << 20;
  static final long MIN_DATA_FILE_BYTES = 1L << 20;
  /** Half the DynamoDB client's 128 connections: more would only queue for them. */
  static final int MAX_SCAN_THREADS = 64;
  static final int UPLOAD_THREADS = 2;

  public static PipelineSizing forThisContainer() {
    return of(ContainerLimits.ofThisContainer(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory());
  }

  /**
   * @param availableProcessors what the JVM reports: the CPU limit on JDKs that read cgroups, the
   *     node's cores when there is no limit
   */
  public static PipelineSizing of(ContainerLimits limits, int availableProcessors, long maxHeap) {
    int cpus = limits.cpus().isPresent()
        ? (int) Math.max(1, Math.ceil(limits.cpus().getAsDouble()))
        : Math.max(1, availableProcessors);
    // -Xmx may exceed the container's memory: the kernel, not the JVM, would then end the runner.
    long heap = limits.memoryBytes().isPresent()
        ? Math.min(maxHeap, limits.memoryBytes().getAsLong() * 3 / 4)
        : maxHeap;
    return new PipelineSizing(cpus, heap);
  }

  public ExportPipeline.Settings settings() {
    long budget = heapBytes / 2;
    int encoders = cpus;
    int scanThreads = Math.min(MAX_SCAN_THREADS, Math.max(4, 2 * cpus));
    long dataFile = MAX_DATA_FILE_BYTES;
    while (inFlight(encoders, scanThreads, dataFile) > budget) {
      if (scanThreads > encoders && scanThreads > 1) {
        scanThreads--;
      } else if (encoders > 1) {
        encoders--;
        scanThreads = Math.min(scanThreads, Math.max(1, encoders));
      } else if (dataFile > MIN_DATA_FILE_BYTES) {
        dataFile /= 2;
      } else {
        break;
      }
    }
    int maxScanThreads = scanThreads;
    while (maxScanThreads < MAX_SCAN_THREADS
        && inFlight(encoders, maxScanThreads + 1, dataFile) <= budget) {
      maxScanThreads++;
    }
    return new ExportPipeline.Settings(0, encoders, UPLOAD_THREADS, dataFile, null, scanThreads,
        maxScanThreads);
  }

  /**
   * Each file being filled or uploaded, at most a data file plus the page that crossed the
   * limit; each scan thread's page, and the two each encoder's queue holds.
   */
  private static long inFlight(int encoders, int scanThreads, long dataFile) {
    return (encoders + UPLOAD_THREADS) * (dataFile + (1L << 20))
        + (scanThreads + 2L * encoders) * PAGE_BYTES;
  }
}
