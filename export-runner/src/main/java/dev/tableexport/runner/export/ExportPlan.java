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
      ExportPipeline.Settings settings, Resume resume, WorkerShare share) {}

  /**
   * What the plan wrote.
   *
   * @param exportTime the time of the state exported (full exports), else null
   * @param billedSizeBytes of the items; of the change data processed for incremental exports
   *     (DynamoDB's minimum for those is applied to the whole export)
   * @param incremental the resolved window (incremental exports), else null
   * @param scanSegments the TotalSegments of the table's scan, 0 for plans that do not scan it
   */
  record Result(
      ExportPipeline.Result pipeline,
      long billedSizeBytes,
      Instant exportTime,
      IncrementalExportSpecification incremental,
      int scanSegments) {

    public Result(ExportPipeline.Result pipeline, long billedSizeBytes, Instant exportTime,
        IncrementalExportSpecification incremental) {
      this(pipeline, billedSizeBytes, exportTime, incremental, 0);
    }
  }

  /** @param startTime when the export started */
  Result run(Context context, Instant startTime) throws InterruptedException;
}
