package dev.tableexport.runner.demo;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.cli.PipelineOptions;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the export engine against a source (--source: in-memory, a stand-in that answers"
          + " DescribeTable and Scan from pages built beforehand, at loopback speed; or"
          + " dynamodb-local) and S3Proxy (a directory store), run in a process of their own so"
          + " that the heap and CPU figures are the export's: the raw parallel-scan rate of the"
          + " source (items/s, no output), then each export's rate (items/s, MB/s written, peak"
          + " heap), its CPU time per 10,000 items against that of gzip -6 on the same data, and"
          + " the ratio export/scan.",
      "Then it times --startup-runs exports of a 10-item table, each a new runner process, from"
          + " its start to its exit, with --startup-java-options and --aot-cache.",
      "With --pitr-changes N it then records the table's stream, rewrites N items, and measures"
          + " exports from the backup: the table at the latest time (snapshot + change log"
          + " merged) and an incremental export of the N changes, against the plain export.",
      "Run it with the heap you want to check, e.g. java -Xmx256m -jar export-runner-demo.jar bench"
          + " --items 1000000.",
      "--scenario large instead loads --items sample items into DynamoDB Local and exports them"
          + " with the runner jar in a process of its own (--runner-java-options, a Job's small"
          + " heap): load time, export time and rate, the runner's peak RSS and heap, its exit"
          + " code, and the export read back."
    })
final class BenchCommand implements Callable<Integer> {

  private static final String TABLE = "bench-orders";
  private static final String STARTUP_TABLE = "bench-startup";
  private static final int STARTUP_ITEMS = 10;

  enum Source {
    IN_MEMORY,
    DYNAMODB_LOCAL
  }

  enum Scenario {
    STANDARD,
    LARGE
  }
  private static final String BUCKET = "bench-exports";

  @Option(names = "--items", paramLabel = "N", description = "Items in the table (default: ${DEFAULT-VALUE}).")
  int items = 200_000;

  @Option(names = "--export-format", paramLabel = "FORMAT",
      description = "Formats to export, DYNAMODB_JSON and/or ION (default: both).", split = ",")
  ExportFormat[] formats = ExportFormat.values();

  @Option(names = "--pitr-changes", paramLabel = "N",
      description = "Also measure exports from a recorded change log of N writes (default: none).")
  int pitrChanges;

  @Option(names = "--source", paramLabel = "SOURCE", converter = SourceConverter.class,
      description = "in-memory (the runner's own ceiling) or dynamodb-local (default:"
          + " in-memory).")
  Source source = Source.IN_MEMORY;

  @Option(names = "--scenario", paramLabel = "SCENARIO", converter = ScenarioConverter.class,
      description = "standard (scan, exports, start-up, PITR) or large (a DynamoDB Local table"
          + " exported by the runner jar as a Job runs it) (default: standard).")
  Scenario scenario = Scenario.STANDARD;

  @Option(names = "--runner-java-options", paramLabel = "OPTIONS",
      description = "JVM options of the large scenario's runner process (default:"
          + " ${DEFAULT-VALUE}).")
  String runnerJavaOptions = "-Xmx256m -XX:+ExitOnOutOfMemoryError";

  @Option(names = "--scan-probes", paramLabel = "SEGMENTSxTHREADS", split = ",",
      description = "Raw scans the large scenario times before its exports, such as 16x4,64x1:"
          + " items/s and time a page at each segment count and threads (default: none).")
  List<String> scanProbes = new java.util.ArrayList<>();

  @Option(names = "--runner-options", paramLabel = "OPTIONS",
      description = "Options of the large scenario's export command, such as \"--scan-segments 10"
          + " --max-scan-threads 4\"; repeatable: one export of the same table for each (default:"
          + " one export, with none).")
  List<String> runnerOptions = new java.util.ArrayList<>();

  @Option(names = "--startup-runs", paramLabel = "N",
      description = "Timed runner processes exporting a 10-item table; 0 for none (default:"
          + " ${DEFAULT-VALUE}).")
  int startupRuns = 5;

  @Option(names = "--startup-java-options", paramLabel = "OPTIONS",
      description = "JVM options of the timed processes (default: ${DEFAULT-VALUE}, as the"
          + " image).")
  String startupJavaOptions = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  @Option(names = "--aot-cache", paramLabel = "FILE",
      description = "The AOT cache of the timed processes; recorded by a first run when the file"
          + " does not exist (default: none).")
  Path aotCache;

  @Option(names = "--runner-jar", paramLabel = "JAR",
      description = "The runner jar that the start-up runs time (default: the build's"
          + " export-runner/target/export-runner.jar, beside this module's).")
  Path runnerJar = demoJar().resolveSibling("../../target/export-runner.jar").normalize();

  @Mixin PipelineOptions pipeline;

  @Spec CommandSpec command;

  /** An enum constant from its name in kebab case: dynamodb-local for DYNAMODB_LOCAL. */
  private abstract static class KebabCase<E extends Enum<E>>
      implements picocli.CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    KebabCase(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  static final class SourceConverter extends KebabCase<Source> {
    SourceConverter() {
      super(Source.class);
    }
  }

  static final class ScenarioConverter extends KebabCase<Scenario> {
    ScenarioConverter() {
      super(Scenario.class);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (pitrChanges > 0 && source != Source.DYNAMODB_LOCAL) {
      throw new picocli.CommandLine.ParameterException(command.commandLine(),
          "--pitr-changes needs the table's stream: give --source dynamodb-local");
    }
    if (scenario == Scenario.LARGE) {
      source = Source.DYNAMODB_LOCAL;
    }
    long loadStart = System.nanoTime();
    var servers = startServers();
    try (var environment = connect(servers)) {
      environment.s3().createBucket(create -> create.bucket(BUCKET));
      if (scenario == Scenario.LARGE) {
        var large = new LargeTableBench(environment, TABLE, BUCKET, items, formats[0]);
        var runs = runnerOptions.isEmpty() ? List.of("") : runnerOptions;
        var probes = scanProbes.stream().map(LargeTableBench.ScanProbe::parse).toList();
        return large.run(runnerJar, words(runnerJavaOptions), probes,
            runs.stream().map(BenchCommand::words).toList()) ? 0 : 1;
      }
      if (source == Source.DYNAMODB_LOCAL) {
        SampleTable.create(environment.dynamo(), TABLE);
        SampleTable.fill(environment.dynamo(), TABLE, items);
        SampleTable.create(environment.dynamo(), STARTUP_TABLE);
        SampleTable.fill(environment.dynamo(), STARTUP_TABLE, STARTUP_ITEMS);
      }
      System.out.printf("Loaded %,d items into %s in %.1f s; heap limit %d MiB, %d cores, load"
              + " average %.1f%n", items,
          source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), seconds(loadStart),
          Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

      var settings = pipeline.settings();
      int segments = settings.scanSegmentsOr(settings.scanThreads());
      var scan = new ParallelScan(environment.dynamo(), TABLE, segments, false);
      scanAll(scan); // warm-up: the first scan pays for DynamoDB Local's and the JIT's start
      long scanStart = System.nanoTime();
      long scanCpuStart = processCpuNanos();
      long scanned = scanAll(scan);
      double scanRate = scanned / seconds(scanStart);
      System.out.printf("raw parallel scan: %,d items, %.1f s, %,.0f items/s (%d segments),"
              + " %.3f CPU-s per 10,000 items%n", scanned, seconds(scanStart), scanRate,
          segments, (processCpuNanos() - scanCpuStart) / 1e9 / scanned * 10_000);

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
      if (startupRuns > 0) {
        timeStartup(environment);
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
  private Process startServers() throws IOException {
    var java = ProcessHandle.current().info().command().orElse("java");
    var command =
        new java.util.ArrayList<>(List.of(java, "-Xmx4g", "-jar", demoJar().toString(), "serve"));
    if (source == Source.IN_MEMORY) {
      command.addAll(List.of("--in-memory-table", TABLE + "=" + items,
          "--in-memory-table", STARTUP_TABLE + "=" + STARTUP_ITEMS));
    }
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static Path demoJar() {
    var location = BenchCommand.class.getProtectionDomain().getCodeSource().getLocation();
    return Path.of(location.getPath());
  }

  private void timeStartup(LocalEnvironment environment) throws IOException, InterruptedException {
    var timer = new StartupTimer(runnerJar, words(startupJavaOptions), aotCache,
        environment.runnerEnvironment());
    var runs = timer.time(startupRuns, List.of("--table-arn", LocalDynamoDb.tableArn(STARTUP_TABLE),
        "--s3-bucket", BUCKET));
    var sorted = runs.stream().sorted().toList();
    System.out.printf("start-up: a %d-item export, process start to exit: min %.2f s, median %.2f s"
            + " over %d runs (%s%s); load average %.1f%n", STARTUP_ITEMS, sorted.getFirst(),
        sorted.get(sorted.size() / 2), runs.size(), startupJavaOptions,
        aotCache == null ? "" : " -XX:AOTCache=" + aotCache,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static List<String> words(String options) {
    return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
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
    long cpuStart = processCpuNanos();
    try (var heap = new PeakHeap()) {
      description = export.run();
      peakHeap = heap.peakBytes();
    }
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
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
    double perTenThousand = cpuSeconds / description.itemCount() * 10_000;
    System.out.printf("  CPU: %.3f CPU-s per 10,000 items, %,.0f items per CPU-second%n",
        perTenThousand, description.itemCount() / cpuSeconds);
    try {
      var data = uncompressedData(environment, description);
      try {
        var gzip = GzipFloor.cpuTime(data.file());
        if (gzip.isPresent() && !gzip.get().isZero()) {
          double gzipPerTenThousand = gzip.get().toNanos() / 1e9 / description.itemCount() * 10_000;
          System.out.printf("  gzip -6 of the same %.1f MB: %.3f CPU-s per 10,000 items;"
                  + " export/gzip = %.2f%n", data.bytes() / 1e6, gzipPerTenThousand,
              perTenThousand / gzipPerTenThousand);
        }
      } finally {
        Files.delete(data.file());
      }
    } catch (IOException e) {
      System.out.printf("  gzip -6 floor not measured: %s%n", e);
    }
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

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private record Data(Path file, long bytes) {}

  /** An export's data, uncompressed, in one temporary file. */
  private static Data uncompressedData(LocalEnvironment environment, ExportDescription description)
      throws IOException {
    var file = Files.createTempFile("bench-data-", ".txt");
    long bytes = 0;
    try (var out = Files.newOutputStream(file)) {
      for (var key : dataFileKeys(environment, description)) {
        var object = environment.s3().getObject(get -> get.bucket(BUCKET).key(key));
        try (var data = new java.util.zip.GZIPInputStream(object)) {
          bytes += data.transferTo(out);
        }
      }
    }
    return new Data(file, bytes);
  }

  private static List<String> dataFileKeys(LocalEnvironment environment, ExportDescription description) {
    return ExportReadBack.manifestFiles(environment.s3(), BUCKET, description.exportManifest())
        .stream()
        .map(file -> file.path("dataFileS3Key").asText())
        .toList();
  }

  /** The gzip bytes of an export's data files, read from its manifest. */
  private static long writtenBytes(LocalEnvironment environment, ExportDescription description) {
    return dataFileKeys(environment, description).stream()
        .mapToLong(key -> environment.s3().headObject(head -> head.bucket(BUCKET).key(key)).contentLength())
        .sum();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
