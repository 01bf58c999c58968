package dev.tableexport.operator.api;

/**
 * Who keeps a table's point-in-time recovery: the store itself (Amazon DynamoDB's own PITR), our
 * recorder, or whichever the store allows.
 */
public enum BackupMode {
  Auto,
  Native,
  Recorder
}
