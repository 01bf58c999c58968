package dev.tableexport.operator.testing;

import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.TableExport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in the operator's integration tests: on a condition, with a deadline, never a sleep. */
public final class Awaits {

  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private Awaits() {}

  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, DEADLINE, condition);
  }

  /** As above, with a deadline shorter than the usual, for what must happen soon. */
  public static void await(String what, Duration within, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting " + within + " for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** The export once it is COMPLETED or FAILED. */
  public static TableExport awaitEnd(KubernetesClient client, String namespace, String name)
      throws InterruptedException {
    var resource = client.resources(TableExport.class).inNamespace(namespace).withName(name);
    await("export " + name + " to end", () -> {
      var export = resource.get();
      return export != null && export.getStatus() != null
          && export.getStatus().getExportStatus() != null
          && export.getStatus().getExportStatus() != ExportStatus.PENDING;
    });
    return resource.get();
  }
}
