package dev.tableexport.runner.cli;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.BatchLoader;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.pitr.PitrExportPlanner;
import dev.tableexport.runner.source.ParallelScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the export engine on DynamoDB Local and S3Proxy (a directory store), run in a"
          + " process of their own so that the heap figures are the export's, on one table in one"
          + " run: the raw parallel-scan rate of the source (items/s, no output),"
          + " then each export's rate (items/s, MB/s written, peak heap) and the ratio export/scan.",
      "With --pitr-changes N it then records the table's stream, rewrites N items, and measures"
          + " exports from the backup: the table at the latest time (snapshot + change log"
          + " merged) and an incremental export of the N changes, against the plain export.",
      "Run it with the heap you want to check, e.g. java -Xmx256m -jar export-runner.jar bench"
          + " --items 1000000."
    })
final class BenchCommand implements Callable<Integer> {

  private static final String TABLE = "bench-orders";
  private static final String BUCKET = "bench-exports";

  @Option(names = "--items", paramLabel = "N", description = "Items in the table (default: ${DEFAULT-VALUE}).")
  int items = 200_000;

  @Option(names = "--export-format", paramLabel = "FORMAT",
      description = "Formats to export, DYNAMODB_JSON and/or ION (default: both).", split = ",")
  ExportFormat[] formats = ExportFormat.values();

  @Option(names = "--pitr-changes", paramLabel = "N",
      description = "Also measure exports from a recorded change log of N writes (default: none).")
  int pitrChanges;

  @Mixin PipelineOptions pipeline;

  @Override
  public Integer call() throws Exception {
    var servers = startServers();
    try (var environment = connect(servers)) {
      environment.s3().createBucket(create -> create.bucket(BUCKET));
      SampleTable.create(environment.dynamo(), TABLE);
      long loadStart = System.nanoTime();
      SampleTable.fill(environment.dynamo(), TABLE, items);
      System.out.printf("Loaded %,d items in %.1f s; heap limit %d MiB, %d cores%n", items,
          seconds(loadStart), Runtime.getRuntime().maxMemory() >> 20,
          Runtime.getRuntime().availableProcessors());

      var settings = pipeline.settings();
      int segments = settings.scanSegmentsOr(settings.scanThreads());
      var scan = new ParallelScan(environment.dynamo(), TABLE, segments);
      scanAll(scan); // warm-up: the first scan pays for DynamoDB Local's and the JIT's start
      long scanStart = System.nanoTime();
      long scanned = scanAll(scan);
      double scanRate = scanned / seconds(scanStart);
      System.out.printf("raw parallel scan: %,d items, %.1f s, %,.0f items/s (%d segments)%n",
          scanned, seconds(scanStart), scanRate, segments);

      var service = new ExportService(environment.dynamo(), environment.s3(), settings, Clock.systemUTC());
      boolean allCompleted = true;
      double plainSeconds = 0;
      for (var format : formats) {
        var measured = measure("export " + format, environment, () -> service.export(request(format, null)));
        allCompleted &= measured != null;
        if (measured != null) {
          plainSeconds = measured.seconds();
          System.out.printf("  export/scan = %.2f%n", measured.description().itemCount() / measured.seconds() / scanRate);
        }
      }
      if (pitrChanges > 0) {
        allCompleted &= benchPointInTime(environment, settings, formats[formats.length - 1], plainSeconds);
      }
      return allCompleted ? 0 : 1;
    } finally {
      servers.getOutputStream().close();
      servers.waitFor();
    }
  }

  /**
   * DynamoDB Local and S3Proxy in a process of their own, with a heap of their own: the heap
   * figures are then the export's alone.
   */
  private static Process startServers() throws IOException {
    var jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    var java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-Xmx4g", "-jar", jar.toString(), "serve")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static LocalEnvironment connect(Process servers) throws IOException {
    var output = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8));
    for (var line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith(ServeCommand.READY_PREFIX)) {
        var endpoints = line.split(" ");
        return LocalEnvironment.connect(URI.create(endpoints[0].substring("dynamodb=".length())),
            URI.create(endpoints[1].substring("s3=".length())));
      }
    }
    throw new IOException("The server process ended before its servers were up");
  }

  static void deleteRecursively(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private boolean benchPointInTime(LocalEnvironment environment, ExportPipeline.Settings settings,
      ExportFormat format, double plainSeconds) throws InterruptedException {
    var store = new StoreLocation("bench-backups", "pitr");
    Instant beforeChanges;
    Instant afterChanges;
    try (var recorder = new LocalRecorder(environment, TABLE, store)) {
      beforeChanges = recorder.settledTime();
      long writeStart = System.nanoTime();
      BatchLoader.load(environment.dynamo(), TABLE, pitrChanges, i -> {
        var item = new HashMap<>(SampleTable.item(i % items));
        item.put("customer", AttributeValue.fromS("rewritten by the bench, write " + i));
        return item;
      });
      afterChanges = recorder.settledTime();
      System.out.printf("Recorded %,d changes in %.1f s%n", pitrChanges, seconds(writeStart));
    }
    var planner = new PitrExportPlanner(environment.s3(), new PitrExportPlanner.Settings(store, Duration.ZERO,
        Path.of(System.getProperty("java.io.tmpdir")), Runtime.getRuntime().maxMemory() / 4));
    var service = new ExportService(environment.dynamo(), environment.s3(), planner, settings, Clock.systemUTC());
    var full = measure("export at a time (PITR)", environment,
        () -> service.export(request(format, afterChanges)));
    var incremental = measure("incremental export (PITR)", environment,
        () -> service.export(incrementalRequest(format, beforeChanges, afterChanges)));
    if (full == null || incremental == null) {
      return false;
    }
    System.out.printf("  change log: %.1f MB of change data (%.1fx the heap limit)%n",
        incremental.description().billedSizeBytes() / 1e6,
        incremental.description().billedSizeBytes() / (double) Runtime.getRuntime().maxMemory());
    System.out.printf("  time against the plain export: at a time %.2fx, incremental %.2fx%n",
        full.seconds() / plainSeconds, incremental.seconds() / plainSeconds);
    return true;
  }

  private record Measured(ExportDescription description, double seconds) {}

  private interface Export {
    ExportDescription run();
  }

  /** Runs one export, prints its figures, and returns them; null when it failed. */
  private static Measured measure(String name, LocalEnvironment environment, Export export)
      throws InterruptedException {
    System.gc();
    ExportDescription description;
    long peakHeap;
    long start = System.nanoTime();
    try (var heap = new PeakHeap()) {
      description = export.run();
      peakHeap = heap.peakBytes();
    }
    double elapsed = seconds(start);
    if (!description.completed()) {
      System.out.printf("%s FAILED: %s %s%n", name, description.failureCode(), description.failureMessage());
      return null;
    }
    long written = writtenBytes(environment, description);
    System.out.printf(
        "%s: %,d items, %.1f s, %,.0f items/s, %.1f MB/s written (%.1f MB of gzip), %.1f MB/s of"
            + " table data; peak heap used %d MiB%n",
        name, description.itemCount(), elapsed, description.itemCount() / elapsed,
        written / 1e6 / elapsed, written / 1e6, description.billedSizeBytes() / 1e6 / elapsed,
        peakHeap >> 20);
    return new Measured(description, elapsed);
  }

  /** Samples the heap in use every few milliseconds and keeps the highest figure. */
  private static final class PeakHeap implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean sampling = true;

    PeakHeap() {
      var memory = ManagementFactory.getMemoryMXBean();
      sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
        while (sampling) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          LockSupport.parkNanos(5_000_000);
        }
      });
    }

    long peakBytes() {
      return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
      sampling = false;
      sampler.join();
    }
  }

  private static long scanAll(ParallelScan scan) throws InterruptedException {
    var count = new LongAdder();
    scan.run(page -> count.add(page.size()));
    return count.sum();
  }

  private static ExportRequest request(ExportFormat format, Instant exportTime) {
    var tableArn = TableArn.parse(LocalDynamoDb.tableArn(TABLE)).orElseThrow();
    return new ExportRequest(tableArn, BUCKET, null, null, null, null, format,
        ExportType.FULL_EXPORT, exportTime, null, null, null);
  }

  private static ExportRequest incrementalRequest(ExportFormat format, Instant from, Instant to) {
    var tableArn = TableArn.parse(LocalDynamoDb.tableArn(TABLE)).orElseThrow();
    return new ExportRequest(tableArn, BUCKET, null, null, null, null, format,
        ExportType.INCREMENTAL_EXPORT, null,
        new IncrementalExportSpecification(from, to, IncrementalExportSpecification.NEW_AND_OLD_IMAGES),
        null, null);
  }

  /** The gzip bytes of an export's data files, read from its manifest. */
  private static long writtenBytes(LocalEnvironment environment, ExportDescription description) {
    var manifest = description.exportManifest().replace("manifest-summary.json", "manifest-files.json");
    var lines = environment.s3().getObjectAsBytes(get -> get.bucket(BUCKET).key(manifest)).asUtf8String();
    return lines.lines()
        .map(line -> line.replaceAll(".*\"dataFileS3Key\":\"([^\"]+)\".*", "$1"))
        .mapToLong(key -> environment.s3().headObject(head -> head.bucket(BUCKET).key(key)).contentLength())
        .sum();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
