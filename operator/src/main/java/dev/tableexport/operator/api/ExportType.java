package dev.tableexport.operator.api;

/** A whole table at a time, or what changed in a window (DynamoDB: ExportType). */
public enum ExportType {
  FULL_EXPORT,
  INCREMENTAL_EXPORT
}
