package dev.tableexport.operator.tableexport;

import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.OptionalInt;

/**
 * At most N exports run at once, on either engine (DynamoDB's limit is 300 per account, and it
 * fails the rest); the rest wait, first come first served by creation time.
 */
final class ExportQueue {

  private static final Comparator<TableExport> ARRIVAL =
      Comparator.comparing((TableExport e) -> e.getMetadata().getCreationTimestamp())
          .thenComparing(e -> e.getMetadata().getNamespace())
          .thenComparing(e -> e.getMetadata().getName());

  private final int maxRunning;

  ExportQueue(int maxRunning) {
    this.maxRunning = maxRunning;
  }

  int maxRunning() {
    return maxRunning;
  }

  /** Empty when {@code export} may start now; else its place in the queue, from 1. */
  OptionalInt placeOf(TableExport export, Collection<TableExport> all) {
    long running = all.stream().filter(ExportQueue::running).count();
    var waiting = all.stream().filter(ExportQueue::waiting).sorted(ARRIVAL).toList();
    int index = 0;
    while (index < waiting.size() && ARRIVAL.compare(waiting.get(index), export) < 0) {
      index++;
    }
    long free = Math.max(0, maxRunning - running);
    return index < free ? OptionalInt.empty() : OptionalInt.of((int) (index - free + 1));
  }

  /** How many exports wait for a place. */
  long queued(Collection<TableExport> all) {
    long running = all.stream().filter(ExportQueue::running).count();
    long waiting = all.stream().filter(ExportQueue::waiting).count();
    return Math.max(0, waiting - Math.max(0, maxRunning - running));
  }

  private static boolean running(TableExport export) {
    var status = export.getStatus();
    return status != null && status.getExportStatus() == ExportStatus.PENDING && started(status);
  }

  private static boolean waiting(TableExport export) {
    var status = export.getStatus();
    return status == null || status.getExportStatus() == null
        || (status.getExportStatus() == ExportStatus.PENDING && !started(status));
  }

  /** Started on either engine: a runner Job, or a native export that has its ExportArn. */
  static boolean started(TableExportStatus status) {
    return status.getJobName() != null || (status.getEngine() == Engine.Native && status.getExportArn() != null);
  }
}
