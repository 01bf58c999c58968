package dev.tableexport.operator.api;

/** Whether a table has a restorable window (DynamoDB: PointInTimeRecoveryStatus). */
public enum PointInTimeRecoveryStatus {
  ENABLED,
  DISABLED
}
