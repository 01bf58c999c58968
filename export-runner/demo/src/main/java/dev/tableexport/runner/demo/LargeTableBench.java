package dev.tableexport.runner.demo;

import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.SampleTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * @param javaOptions the runner's JVM options
   * @param runnerOptions more options of its export command (--scan-segments, --read-timeout...)
   * @return whether the export completed and read back correct
   */
  boolean run(Path runnerJar, List<String> javaOptions, List<String> runnerOptions)
      throws IOException, InterruptedException {
    long loadStart = System.nanoTime();
    SampleTable.create(environment.dynamo(), table);
    SampleTable.fill(environment.dynamo(), table, items);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    var description = environment.dynamo().describeTable(describe -> describe.tableName(table));
    System.out.printf("Loaded %,d items (%.1f MB by DescribeTable) into DynamoDB Local in %.1f s,"
            + " %,.0f items/s; load average %s%n", items,
        description.table().tableSizeBytes() / 1e6, loadSeconds, items / loadSeconds, load());

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
    System.out.printf("runner export: exit code %d, %.1f s, %,.0f items/s; peak RSS %d MiB, peak"
            + " heap used %d MiB (before a collection); load average %s%n", outcome.exitCode(),
        outcome.seconds(), items / outcome.seconds(), outcome.peakRssBytes() >> 20,
        GcLog.peakHeapMib(gcLog), load());
    if (outcome.exitCode() != 0) {
      System.out.printf("  the export failed: %s%n", outcome.stdout().strip());
      return false;
    }
    return check(ExportResult.parse(outcome.stdout().strip()).exportDescription().exportManifest());
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
