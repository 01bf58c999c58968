package dev.tableexport.runner.export;

public enum ExportType {
  FULL_EXPORT,
  INCREMENTAL_EXPORT
}
