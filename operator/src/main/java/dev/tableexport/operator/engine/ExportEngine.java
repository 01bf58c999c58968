package dev.tableexport.operator.engine;

import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Optional;

/**
 * Runs one export and observes it. An engine writes into the status only what it needs to find
 * the export again (its Job, its ExportArn); the caller writes everything else.
 */
public interface ExportEngine {

  Engine kind();

  /** The table's point-in-time recovery allows the export: its window holds the spec's times. */
  Optional<ExportFailure> check(TableExport export, List<ContinuousBackup> backups);

  /**
   * Starts the export at most once: starting it again finds the one already started.
   *
   * @param size the table's, as DescribeTable gave it before the start; null when not known
   */
  EngineOutcome start(TableExport export, TableExportStatus status, List<ContinuousBackup> backups,
      TableSize size, Context<TableExport> context);

  /** Where a started export stands; Started when the engine had to start it again. */
  EngineOutcome observe(TableExport export, Context<TableExport> context);

}
