package dev.tableexport.runner.export;

import dev.tableexport.runner.source.SourceTable;
import java.time.Instant;

/** Decides what an export request exports, or fails it with DynamoDB's code for why it cannot. */
public interface ExportPlanner {

  ExportPlan plan(ExportRequest request, SourceTable table, Instant now);
}
