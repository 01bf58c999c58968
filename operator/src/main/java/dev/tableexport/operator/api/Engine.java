package dev.tableexport.operator.api;

/**
 * What runs an export: the store's own export (Amazon DynamoDB's ExportTableToPointInTime), our
 * runner Job reading through a ContinuousBackup, or whichever the table allows.
 */
public enum Engine {
  Auto,
  Native,
  Runner
}
