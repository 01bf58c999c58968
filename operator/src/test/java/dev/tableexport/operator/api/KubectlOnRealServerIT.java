package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.Kubectl;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built kubectl on our CRDs: printer columns, explain, and waiting on conditions. */
class KubectlOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();
  private static final Kubectl KUBECTL = CLUSTER.kubectl();
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final Pattern AGE = Pattern.compile("\\d+[smhdy]\\w*");
  private static String namespace;

  @BeforeAll
  static void installCrds() throws IOException {
    Crds.apply(CLUSTER.admin());
    namespace = CLUSTER.restrictedNamespace("kubectl");
  }

  @Test
  void getTableExportsShowsTheColumns() {
    var export = create("TableExport", "nightly", Map.of("tableArn", ARN, "s3Bucket", "exports"));
    writeStatus(
        export,
        Map.of("engine", "Runner", "exportStatus", "COMPLETED", "exportTime", "2026-01-14T10:18:50Z",
            "itemCount", 42));

    var lines = KUBECTL.run("get", "tableexports", "-n", namespace).ok().lines().toList();

    assertEquals(
        List.of("NAME", "AGE", "FORMAT", "TYPE", "TABLE", "ENGINE", "STATUS", "EXPORT", "TIME", "ITEMS"),
        words(lines.get(0)));
    var row = words(lines.get(1));
    assertEquals("nightly", row.get(0));
    assertEquals(
        List.of("DYNAMODB_JSON", "FULL_EXPORT", ARN, "Runner", "COMPLETED"), row.subList(2, 7));
    assertTrue(AGE.matcher(row.get(7)).matches(), "the export time is a date column: " + row);
    assertEquals("42", row.get(8));
  }

  @Test
  void getTexsShowsTableScheduleTypeRunsAndSuspension() {
    var schedule =
        create(
            "TableExportSchedule",
            "hourly",
            Map.of("schedule", "@hourly", "template", Map.of("tableArn", ARN, "s3Bucket", "ex")));
    writeStatus(
        schedule,
        Map.of(
            "lastScheduleTime", "2026-01-14T10:00:00Z",
            "lastExportStatus", "COMPLETED",
            "nextScheduleTime", "2026-01-14T11:00:00Z"));

    var lines = KUBECTL.run("get", "texs", "-n", namespace).ok().lines().toList();

    assertEquals(
        List.of("NAME", "TYPE", "SCHEDULE", "SUSPENDED", "TABLE", "LAST", "STATUS", "LAST", "RUN",
            "NEXT", "RUN"),
        words(lines.get(0)));
    var row = words(lines.get(1));
    assertEquals(List.of("hourly", "FULL_EXPORT", "@hourly", "false", ARN, "COMPLETED"),
        row.subList(0, 6));
    assertEquals("2026-01-14T11:00:00Z", row.get(7), "the next run as a time, the last as an age");
  }

  @Test
  void getCbkShowsTheRestorableWindow() {
    var backup =
        create(
            "ContinuousBackup",
            "orders",
            Map.of("tableArn", ARN, "store", Map.of("bucket", "backups")));
    writeStatus(
        backup,
        Map.of(
            "pointInTimeRecoveryStatus",
            "ENABLED",
            "earliestRestorableDateTime",
            "2026-01-14T09:00:00Z",
            "latestRestorableDateTime",
            "2026-01-14T10:00:00Z"));

    var lines = KUBECTL.run("get", "cbk", "-n", namespace).ok().lines().toList();

    assertEquals(
        List.of("NAME", "AGE", "TABLE", "EARLIEST", "LATEST", "PITR"), words(lines.get(0)));
    var row = words(lines.get(1));
    assertEquals("orders", row.get(0));
    assertEquals(ARN, row.get(2));
    assertTrue(AGE.matcher(row.get(3)).matches() && AGE.matcher(row.get(4)).matches(),
        "the restorable window's ends are date columns: " + row);
    assertEquals("ENABLED", row.get(5));
  }

  @Test
  void theCategoryListsBothKinds() throws IOException, InterruptedException {
    var own = CLUSTER.restrictedNamespace("category");
    create(own, "TableExport", "in-category", Map.of("tableArn", ARN, "s3Bucket", "exports"));
    create(own, "ContinuousBackup", "in-category",
        Map.of("tableArn", ARN, "store", Map.of("bucket", "backups")));

    var names = freshDiscovery("get", TableExport.CATEGORY, "-n", own, "-o", "name");

    assertTrue(names.contains("tableexport.tableexport.dev/in-category"), names);
    assertTrue(names.contains("continuousbackup.tableexport.dev/in-category"), names);
  }

  @Test
  void explainSaysWhatEachKindIs() throws InterruptedException {
    var export = explain("tableexport");
    var backup = explain("continuousbackup");

    assertTrue(export.contains("One export of a DynamoDB-API table to S3"), export);
    assertTrue(backup.contains("Point-in-time recovery for one table"), backup);
  }

  @Test
  void explainDescribesTheExportTime() throws InterruptedException {
    var explanation = explain("tableexport.spec.exportTime");

    assertTrue(explanation.contains("FIELD: exportTime <string>"), explanation);
    assertTrue(explanation.contains("Point in time to export the table at"), explanation);
  }

  @Test
  void waitReturnsWhenTheExportCompletes() {
    var export =
        create("TableExport", "to-complete", Map.of("tableArn", ARN, "s3Bucket", "exports"));
    var waiting =
        KUBECTL.start(
            "wait",
            "--for=condition=Complete",
            "--timeout=60s",
            "-n",
            namespace,
            "tableexport/to-complete");
    var failed =
        KUBECTL.run(
            "wait",
            "--for=condition=Complete",
            "--timeout=1s",
            "-n",
            namespace,
            "tableexport/to-complete");
    assertNotEquals(0, failed.exitCode(), "no Complete condition yet: " + failed.stdout());

    writeStatus(
        export,
        Map.of(
            "exportStatus",
            "COMPLETED",
            "conditions",
            List.of(condition("Complete", "Completed"))));

    assertEquals(
        "tableexport.tableexport.dev/to-complete condition met", waiting.await().ok().strip());
  }

  @Test
  void waitReturnsWhenTheExportFails() {
    var export = create("TableExport", "to-fail", Map.of("tableArn", ARN, "s3Bucket", "exports"));
    var waiting =
        KUBECTL.start(
            "wait",
            "--for=condition=Failed",
            "--timeout=60s",
            "-n",
            namespace,
            "tableexport/to-fail");

    writeStatus(
        export,
        Map.of(
            "exportStatus",
            "FAILED",
            "failureCode",
            "S3NoSuchBucket",
            "conditions",
            List.of(condition("Failed", "S3NoSuchBucket"))));

    assertEquals("tableexport.tableexport.dev/to-fail condition met", waiting.await().ok().strip());
  }

  private static Map<String, Object> condition(String type, String reason) {
    return Map.of(
        "type",
        type,
        "status",
        "True",
        "reason",
        reason,
        "message",
        "",
        "lastTransitionTime",
        "2026-01-14T10:20:00Z");
  }

  /** kubectl explain, once the API server publishes the CRD's schema (shortly after it is applied). */
  private static String explain(String field) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      var result = KUBECTL.run("explain", field);
      if (result.exitCode() == 0 || System.nanoTime() > deadline) {
        return result.ok();
      }
      Thread.sleep(200);
    }
  }

  /**
   * kubectl with a discovery cache of its own, until it succeeds: kubectl expands a category from
   * its cached discovery, which does not refresh for a name it does not know.
   */
  private static String freshDiscovery(String... args) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      var cache = Files.createTempDirectory("kubectl-cache");
      var command = new ArrayList<>(List.of(args));
      command.add("--cache-dir=" + cache);
      var result = KUBECTL.run(command.toArray(String[]::new));
      if (result.exitCode() == 0 || System.nanoTime() > deadline) {
        return result.ok();
      }
      Thread.sleep(200);
    }
  }

  private static List<String> words(String line) {
    return Arrays.asList(line.trim().split("\\s+"));
  }

  private static GenericKubernetesResource create(
      String kind, String name, Map<String, Object> spec) {
    return create(namespace, kind, name, spec);
  }

  private static GenericKubernetesResource create(
      String namespace, String kind, String name, Map<String, Object> spec) {
    var object = new GenericKubernetesResource();
    object.setApiVersion(TableExport.GROUP + "/" + TableExport.VERSION);
    object.setKind(kind);
    object.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    object.setAdditionalProperty("spec", spec);
    return CLUSTER.admin().resource(object).inNamespace(namespace).create();
  }

  /** Writes the status through the status subresource, as the operator's identity would. */
  private static void writeStatus(GenericKubernetesResource object, Map<String, Object> status) {
    object.setAdditionalProperty("status", status);
    CLUSTER.admin().resource(object).inNamespace(namespace).updateStatus();
  }
}
