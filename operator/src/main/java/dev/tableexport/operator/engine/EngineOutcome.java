package dev.tableexport.operator.engine;

import dev.tableexport.contract.ExportDescription;
import java.time.Duration;

/** Where an export stands after an engine started or looked at it. */
public sealed interface EngineOutcome {

  /**
   * The export runs; {@code created} says whether this call started it (false when it had been
   * started before, by this operator or an earlier one).
   */
  record Started(boolean created, String where, Duration recheck) implements EngineOutcome {}

  record Running(String progress, Duration recheck) implements EngineOutcome {}

  record Completed(ExportDescription description) implements EngineOutcome {}

  record Failed(ExportFailure failure, ExportDescription description) implements EngineOutcome {}
}
