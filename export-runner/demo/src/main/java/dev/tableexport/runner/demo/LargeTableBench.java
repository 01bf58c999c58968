package dev.tableexport.runner.demo;

import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.source.ParallelScan;
import dev.tableexport.runner.source.ScanStart;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bench's large scenario: a table of many sample items in DynamoDB Local, exported by the real
 * runner jar in a process of its own, with the JVM options a Job would give it (a small heap), as
 * a user with a large table would run it. Prints the load time, the export's wall time and rate,
 * the runner's peak resident memory and heap and its exit code, and checks the export: the
 * manifest's item count, and every item read back once.
 */
final class LargeTableBench {

  private final LocalEnvironment environment;
  private final String table;
  private final String bucket;
  private final int items;
  private final ExportFormat format;

  LargeTableBench(LocalEnvironment environment, String table, String bucket, int items,
      ExportFormat format) {
    this.environment = environment;
    this.table = table;
    this.bucket = bucket;
    this.items = items;
    this.format = format;
  }

  /** A raw parallel scan to time: so many segments, so many of them read at once. */
  record ScanProbe(int segments, int threads) {

    /** "64x4": 64 segments, 4 at once. */
    static ScanProbe parse(String text) {
      var parts = text.split("x");
      return new ScanProbe(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
  }

  /**
   * Loads the table, times {@code probes}, then exports it once for each entry of {@code runs}.
   *
   * @param javaOptions the runner's JVM options
   * @param runs for each export, more options of the export command (--scan-segments...)
   * @return whether every export completed and read back correct
   */
  boolean run(Path runnerJar, List<String> javaOptions, List<ScanProbe> probes,
      List<List<String>> runs) throws IOException, InterruptedException {
    long loadStart = System.nanoTime();
    SampleTable.create(environment.dynamo(), table);
    SampleTable.fill(environment.dynamo(), table, items);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    var description = environment.dynamo().describeTable(describe -> describe.tableName(table));
    System.out.printf("Loaded %,d items (%.1f MB by DescribeTable) into DynamoDB Local in %.1f s,"
            + " %,.0f items/s; load average %s%n", items,
        description.table().tableSizeBytes() / 1e6, loadSeconds, items / loadSeconds, load());
    for (var probe : probes) {
      scan(probe);
    }
    boolean allCorrect = true;
    for (var runnerOptions : runs) {
      allCorrect &= export(runnerJar, javaOptions, runnerOptions);
    }
    return allCorrect;
  }

  private boolean export(Path runnerJar, List<String> javaOptions, List<String> runnerOptions)
      throws IOException, InterruptedException {
    var work = Files.createTempDirectory("bench-large-");
    var gcLog = work.resolve("runner-gc.log");
    var runnerLog = work.resolve("runner.log");
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(javaOptions);
    command.add(GcLog.option(gcLog));
    command.addAll(List.of("-jar", runnerJar.toString(), "export",
        "--table-arn", LocalDynamoDb.tableArn(table), "--s3-bucket", bucket,
        "--export-format", format.name()));
    command.addAll(runnerOptions);
    System.out.printf("Exporting: %s (its log: %s)%n", String.join(" ", command), runnerLog);
    var builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(environment.runnerEnvironment());
    var outcome = MeasuredProcess.run(builder, runnerLog);
    System.out.printf("runner export: exit code %d, %.1f s%s; peak RSS %d MiB, peak heap used %d"
            + " MiB (before a collection); load average %s%n", outcome.exitCode(),
        outcome.seconds(), outcome.exitCode() == 0
            ? String.format(", %,.0f items/s", items / outcome.seconds()) : "",
        outcome.peakRssBytes() >> 20, GcLog.peakHeapMib(gcLog), load());
    if (outcome.exitCode() != 0) {
      System.out.printf("  the export failed: %s%n", outcome.stdout().strip());
      return false;
    }
    return check(ExportResult.parse(outcome.stdout().strip()).exportDescription().exportManifest());
  }

  /**
   * Times a raw scan; a page's mean time is the threads' time over the pages (all threads busy
   * until the last segments).
   */
  private void scan(ScanProbe probe) throws InterruptedException {
    var items = new LongAdder();
    var pages = new LongAdder();
    var scan = new ParallelScan(environment.dynamo(), table,
        ScanStart.fromTheBeginning(probe.segments()), null, probe.threads(), false);
    long start = System.nanoTime();
    scan.run((page, after) -> {
      items.add(page.size());
      pages.increment();
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("raw scan, %d segments, %d at once: %,d items in %.1f s, %,.0f items/s,"
            + " about %.2f s a page (%,d pages); load average %s%n",
        probe.segments(), probe.threads(), items.sum(), seconds, items.sum() / seconds,
        seconds * probe.threads() / pages.sum(), pages.sum(), load());
  }

  private boolean check(String summaryKey) throws IOException {
    var summary = ExportReadBack.json(environment.s3()
        .getObjectAsBytes(get -> get.bucket(bucket).key(summaryKey)).asUtf8String());
    long itemCount = summary.path("itemCount").asLong(-1);
    System.out.printf("  manifest-summary.json: itemCount %,d (%s)%n", itemCount,
        itemCount == items ? "as in the table" : "the table has " + items);
    if (format != ExportFormat.DYNAMODB_JSON) {
      return itemCount == items;
    }
    var readBack = ExportReadBack.check(environment.s3(), bucket, summaryKey, items);
    System.out.printf("  read back: %,d lines in %d data files, %d files whose line count is not"
            + " the manifest's, %d items twice, %d missing, %d not the table's: %s%n",
        readBack.lines(), readBack.dataFiles(), readBack.filesMiscounted(), readBack.duplicates(),
        readBack.missing(), readBack.unrecognised(), readBack.correct() ? "correct" : "WRONG");
    return itemCount == items && readBack.correct();
  }

  private static String load() {
    return String.format("%.1f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
