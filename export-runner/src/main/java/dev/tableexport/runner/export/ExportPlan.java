package dev.tableexport.runner.export;

import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.runner.sink.ExportLayout;
import dev.tableexport.runner.sink.S3ObjectStore;
import java.time.Instant;

/** What one export reads and writes, as its planner resolved it. */
public interface ExportPlan {

  /**
   * Where the plan writes, and how.
   *
   * @param resume what earlier attempts of the export left to go on from (plans that cannot
   *     resume start afresh: their attempt removed what earlier ones wrote)
   */
  record Context(ExportRequest request, ExportLayout layout, S3ObjectStore objects,
      ExportPipeline.Settings settings, Resume resume) {}

  /**
   * What the plan wrote.
   *
   * @param exportTime the time of the state exported (full exports), else null
   * @param incremental the resolved window (incremental exports), else null
   */
  record Result(
      ExportPipeline.Result pipeline,
      long billedSizeBytes,
      Instant exportTime,
      IncrementalExportSpecification incremental) {}

  /** @param startTime when the export started */
  Result run(Context context, Instant startTime) throws InterruptedException;
}
