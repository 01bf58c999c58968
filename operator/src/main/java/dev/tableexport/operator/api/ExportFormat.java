package dev.tableexport.operator.api;

/** The format of an export's data files (DynamoDB: ExportFormat). */
public enum ExportFormat {
  DYNAMODB_JSON,
  ION
}
