package dev.tableexport.runner.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.export.ExportService;
import dev.tableexport.runner.export.WorkerShare;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The workers of a split export run at once, each its own service, as pods of an Indexed Job. */
public final class SplitWorkers {

  private SplitWorkers() {}

  /** Runs workers {@code workers} of {@code count}, each with a new service; their results. */
  public static List<ExportResult> run(Supplier<ExportService> services, ExportRequest request,
      List<Integer> workers, int count) throws Exception {
    var tasks = new ArrayList<Callable<ExportResult>>();
    for (int worker : workers) {
      var share = WorkerShare.of(worker, count);
      tasks.add(() -> services.get().export(request, share));
    }
    try (var pool = Executors.newFixedThreadPool(workers.size())) {
      var results = new ArrayList<ExportResult>();
      for (var future : pool.invokeAll(tasks)) {
        results.add(future.get());
      }
      return results;
    }
  }

  /** Every worker completed its part, some wrote the manifests, all that did wrote the same. */
  public static ExportDescription wholeExport(List<ExportResult> results) {
    for (var result : results) {
      assertEquals(ExportDescription.COMPLETED, result.exportDescription().exportStatus(),
          result.exportDescription().failureMessage());
    }
    var wholes = results.stream().filter(ExportResult::describesWholeExport).toList();
    assertFalse(wholes.isEmpty(), "some worker wrote the manifests: " + results);
    for (var whole : wholes) {
      assertEquals(wholes.getFirst().exportDescription(), whole.exportDescription(),
          "workers that both wrote the manifests wrote the same");
    }
    return wholes.getFirst().exportDescription();
  }
}
