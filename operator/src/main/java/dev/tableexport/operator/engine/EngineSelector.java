package dev.tableexport.operator.engine;

import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.TableExport;
import java.util.List;

/**
 * Picks the engine of an export: the one its spec names, or for Auto, the runner when a
 * ContinuousBackup records the table or the store has no point-in-time recovery of its own, and
 * the store's own export otherwise. A compaction always runs on the runner: no store compacts.
 */
public final class EngineSelector {

  /** The engine, and why, in words for the export's condition. */
  public record Selection(ExportEngine engine, String reason) {}

  private final NativeEngine nativeEngine;
  private final RunnerEngine runnerEngine;
  private final NativePitr pitr;

  public EngineSelector(NativeEngine nativeEngine, RunnerEngine runnerEngine, NativePitr pitr) {
    this.nativeEngine = nativeEngine;
    this.runnerEngine = runnerEngine;
    this.pitr = pitr;
  }

  public ExportEngine engine(Engine kind) {
    return kind == Engine.Native ? nativeEngine : runnerEngine;
  }

  public Selection select(TableExport export, List<ContinuousBackup> backups) {
    var spec = export.getSpec();
    if (spec.getCompactionOf() != null) {
      return new Selection(runnerEngine, "a compaction runs on the runner: it reads only S3");
    }
    if (spec.getEngine() == Engine.Native || spec.getEngine() == Engine.Runner) {
      return new Selection(engine(spec.getEngine()), "spec.engine is " + spec.getEngine());
    }
    var backup = PitrCheck.backupFor(spec, backups);
    if (backup.isPresent() && ContinuousBackups.recorded(backup.get())) {
      return new Selection(runnerEngine,
          "spec.engine is Auto and ContinuousBackup " + backup.get().getMetadata().getName() + " records the table");
    }
    var table = TableArn.tableNameOf(spec.getTableArn());
    var state = pitr.describe(table);
    if (state.isEmpty()) {
      return new Selection(runnerEngine,
          "spec.engine is Auto and the store answers that DescribeContinuousBackups is an unknown operation");
    }
    return new Selection(nativeEngine, "spec.engine is Auto and DescribeContinuousBackups says"
        + " PointInTimeRecoveryStatus " + state.get().status() + " for table " + table);
  }
}
