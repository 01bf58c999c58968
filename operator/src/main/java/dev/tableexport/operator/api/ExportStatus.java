package dev.tableexport.operator.api;

/** Where an export is; DynamoDB's IN_PROGRESS is PENDING here (DynamoDB: ExportStatus). */
public enum ExportStatus {
  PENDING,
  COMPLETED,
  FAILED
}
