package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExportQueueTest {

  @Test
  void exportsStartWhileFewerThanTheLimitRun() {
    var queue = new ExportQueue(2);
    var running = export("a", "2026-01-14T10:00:00Z", ExportStatus.PENDING, "job-a");
    var next = export("b", "2026-01-14T10:00:01Z", null, null);

    assertEquals(OptionalInt.empty(), queue.placeOf(next, List.of(running, next)));
  }

  @Test
  void atTheLimitExportsWaitInOrderOfCreation() {
    var queue = new ExportQueue(1);
    var running = export("a", "2026-01-14T10:00:00Z", ExportStatus.PENDING, "job-a");
    var second = export("c", "2026-01-14T10:00:02Z", ExportStatus.PENDING, null);
    var first = export("b", "2026-01-14T10:00:01Z", null, null);
    var all = List.of(running, second, first);

    assertEquals(OptionalInt.of(1), queue.placeOf(first, all));
    assertEquals(OptionalInt.of(2), queue.placeOf(second, all));
  }

  @Test
  void aNativeExportWithItsArnTakesAPlaceLikeAJob() {
    var queue = new ExportQueue(1);
    var running = export("a", "2026-01-14T10:00:00Z", ExportStatus.PENDING, null);
    running.getStatus().setEngine(Engine.Native);
    running.getStatus().setExportArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders/export/a");
    var selected = export("b", "2026-01-14T10:00:01Z", ExportStatus.PENDING, null);
    selected.getStatus().setEngine(Engine.Native);

    assertEquals(OptionalInt.of(1), queue.placeOf(selected, List.of(running, selected)));
    assertEquals(1, queue.queued(List.of(running, selected)));
  }

  @Test
  void finishedExportsFreeTheirPlace() {
    var queue = new ExportQueue(1);
    var done = export("a", "2026-01-14T10:00:00Z", ExportStatus.COMPLETED, "job-a");
    var failed = export("b", "2026-01-14T10:00:01Z", ExportStatus.FAILED, null);
    var waiting = export("c", "2026-01-14T10:00:02Z", ExportStatus.PENDING, null);

    assertEquals(OptionalInt.empty(), queue.placeOf(waiting, List.of(done, failed, waiting)));
  }

  @Test
  void exportsCreatedInTheSameSecondGoByName() {
    var queue = new ExportQueue(1);
    var b = export("b", "2026-01-14T10:00:00Z", null, null);
    var a = export("a", "2026-01-14T10:00:00Z", null, null);

    assertEquals(OptionalInt.empty(), queue.placeOf(a, List.of(b, a)));
    assertEquals(OptionalInt.of(1), queue.placeOf(b, List.of(b, a)));
  }

  private static TableExport export(String name, String created, ExportStatus exportStatus, String jobName) {
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder()
        .withName(name).withNamespace("ns").withCreationTimestamp(created).build());
    if (exportStatus != null) {
      var status = new TableExportStatus();
      status.setExportStatus(exportStatus);
      status.setJobName(jobName);
      export.setStatus(status);
    }
    return export;
  }
}
