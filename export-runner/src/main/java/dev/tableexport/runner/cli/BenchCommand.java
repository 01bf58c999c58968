package dev.tableexport.runner.cli;

import dev.tableexport.runner.export.ExportDescription;
import dev.tableexport.runner.export.ExportId;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.source.ParallelScan;
import dev.tableexport.runner.source.TableArn;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the export engine on embedded DynamoDB Local and S3Proxy (a directory store), on"
          + " one table in one run: the raw parallel-scan rate of the source (items/s, no output),"
          + " then each export's rate (items/s, MB/s written, peak heap) and the ratio export/scan.",
      "Run it with the heap you want to check, e.g. java -Xmx256m -jar export-runner.jar bench"
          + " --items 1000000. The peak heap counts the embedded servers too."
    })
final class BenchCommand implements Callable<Integer> {

  private static final String TABLE = "bench-orders";
  private static final String BUCKET = "bench-exports";

  @Option(names = "--items", paramLabel = "N", description = "Items in the table (default: ${DEFAULT-VALUE}).")
  int items = 200_000;

  @Option(names = "--export-format", paramLabel = "FORMAT",
      description = "Formats to export, DYNAMODB_JSON and/or ION (default: both).", split = ",")
  ExportFormat[] formats = ExportFormat.values();

  @Mixin ExportCommand.PipelineOptions pipeline;

  @Override
  public Integer call() throws Exception {
    var directory = Files.createTempDirectory("tableexport-bench-");
    try (var environment = LocalEnvironment.start(LocalS3.directoryStore(directory))) {
      environment.s3().createBucket(create -> create.bucket(BUCKET));
      SampleTable.create(environment.dynamo(), TABLE);
      long loadStart = System.nanoTime();
      SampleTable.fill(environment.dynamo(), TABLE, items);
      System.out.printf("Loaded %,d items in %.1f s; heap limit %d MiB, %d cores%n", items,
          seconds(loadStart), Runtime.getRuntime().maxMemory() >> 20,
          Runtime.getRuntime().availableProcessors());

      var settings = pipeline.settings();
      var scan = new ParallelScan(environment.dynamo(), TABLE, settings.scanSegments());
      scanAll(scan); // warm-up: the first scan pays for DynamoDB Local's and the JIT's start
      long scanStart = System.nanoTime();
      long scanned = scanAll(scan);
      double scanRate = scanned / seconds(scanStart);
      System.out.printf("raw parallel scan: %,d items, %.1f s, %,.0f items/s (%d segments)%n",
          scanned, seconds(scanStart), scanRate, settings.scanSegments());

      var service = new ExportService(environment.dynamo(), environment.s3(), settings, Clock.systemUTC());
      boolean allCompleted = true;
      for (var format : formats) {
        resetPeakHeap();
        long exportStart = System.nanoTime();
        var description = service.export(request(format));
        double elapsed = seconds(exportStart);
        allCompleted &= description.completed();
        if (!description.completed()) {
          System.out.printf("export %s FAILED: %s %s%n", format, description.failureCode(),
              description.failureMessage());
          continue;
        }
        double rate = description.itemCount() / elapsed;
        System.out.printf(
            "export %-13s: %,d items, %.1f s, %,.0f items/s, %.1f MB/s written (%.1f MB of"
                + " gzip), %.1f MB/s of table data; peak heap %d MiB; export/scan = %.2f%n",
            format, description.itemCount(), elapsed, rate,
            writtenBytes(environment, description) / 1e6 / elapsed,
            writtenBytes(environment, description) / 1e6,
            description.billedSizeBytes() / 1e6 / elapsed, peakHeapMib(), rate / scanRate);
      }
      return allCompleted ? 0 : 1;
    } finally {
      try (var paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static long scanAll(ParallelScan scan) throws InterruptedException {
    var count = new LongAdder();
    scan.run(page -> count.add(page.size()));
    return count.sum();
  }

  private static ExportRequest request(ExportFormat format) {
    var tableArn = TableArn.parse(LocalDynamoDb.tableArn(TABLE)).orElseThrow();
    return new ExportRequest(tableArn, BUCKET, null, null, null, null, format,
        ExportType.FULL_EXPORT, null, null, null, (ExportId) null);
  }

  private static long writtenBytes(LocalEnvironment environment, ExportDescription description) {
    var directory = description.exportManifest().replace("manifest-summary.json", "data/");
    return environment.s3().listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix(directory))
        .contents().stream().mapToLong(object -> object.size()).sum();
  }

  private static void resetPeakHeap() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapMib() {
    return heapPools().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
  }

  private static java.util.stream.Stream<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
