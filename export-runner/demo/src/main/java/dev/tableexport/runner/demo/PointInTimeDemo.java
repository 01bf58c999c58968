package dev.tableexport.runner.demo;

import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.StoreLocation;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.ExportType;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalRecorder;
import dev.tableexport.runner.local.SampleTable;
import dev.tableexport.runner.pitr.ContinuousBackupsDescription;
import dev.tableexport.runner.pitr.PitrExportPlanner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The demo's second half: records the sample table's stream, changes some items, then exports the
 * table as it was before the changes, and the changes alone as an incremental export.
 */
final class PointInTimeDemo {

  private static final StoreLocation STORE = new StoreLocation("demo-backups", "pitr");

  private final LocalEnvironment environment;
  private final String table;
  private final String bucket;
  private final int items;
  private final PrintStream out;

  PointInTimeDemo(LocalEnvironment environment, String table, String bucket, int items, PrintStream out) {
    this.environment = environment;
    this.table = table;
    this.bucket = bucket;
    this.items = items;
    this.out = out;
  }

  /** Returns whether both exports completed. */
  boolean run() throws InterruptedException {
    var tableArn = TableArn.parse(LocalDynamoDb.tableArn(table)).orElseThrow();
    out.printf("%nPoint-in-time recovery: recording table %s into %s...%n", table, STORE);
    try (var recorder = new LocalRecorder(environment, table, STORE)) {
      var beforeChanges = recorder.settledTime();
      int changed = changeItems();
      var afterChanges = recorder.settledTime();
      out.printf("Changed %d items after %s. describe-continuous-backups:%n%s%n", changed,
          beforeChanges, ContinuousBackupsDescription.toJson(recorder.store().readStatus()));
      var service = new ExportService(environment.dynamo(), environment.s3(),
          new PitrExportPlanner(environment.s3(), new PitrExportPlanner.Settings(STORE, Duration.ZERO,
              Path.of(System.getProperty("java.io.tmpdir")), 64L << 20)),
          ExportPipeline.Settings.defaults(), Clock.systemUTC());
      out.printf("%nFull export of the table as it was at %s, before the changes:%n", beforeChanges);
      var full = service.export(new ExportRequest(tableArn, bucket, "demo", null, null, null,
          ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, beforeChanges, null, null, null));
      out.println(new ExportResult(full).toJson());
      out.printf("%nIncremental export of the changes from %s to %s (the demo allows a window"
          + " shorter than DynamoDB's 15 minutes, as --min-incremental-window does):%n",
          beforeChanges, afterChanges);
      var incremental = service.export(new ExportRequest(tableArn, bucket, "demo", null, null, null,
          ExportFormat.DYNAMODB_JSON, ExportType.INCREMENTAL_EXPORT, null,
          new IncrementalExportSpecification(beforeChanges, afterChanges,
              IncrementalExportSpecification.NEW_AND_OLD_IMAGES), null, null));
      out.println(new ExportResult(incremental).toJson());
      return full.completed() && incremental.completed();
    }
  }

  /** Updates every 10th item, deletes every 25th, and adds a few: returns how many it changed. */
  private int changeItems() {
    int changed = 0;
    for (int i = 0; i < items; i++) {
      var item = SampleTable.item(i);
      if (i % 25 == 0) {
        environment.dynamo().deleteItem(d -> d.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        changed++;
      } else if (i % 10 == 0) {
        var updated = new HashMap<>(item);
        updated.put("customer", AttributeValue.fromS("Changed by the demo"));
        environment.dynamo().putItem(p -> p.tableName(table).item(updated));
        changed++;
      }
    }
    for (int i = items; i < items + Math.max(1, items / 50); i++) {
      var item = SampleTable.item(i);
      environment.dynamo().putItem(p -> p.tableName(table).item(item));
      changed++;
    }
    return changed;
  }
}
