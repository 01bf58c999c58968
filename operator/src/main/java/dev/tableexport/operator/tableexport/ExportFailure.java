package dev.tableexport.operator.tableexport;

/** Why an export failed: DynamoDB's exception name, and a message that says what to change. */
record ExportFailure(String code, String message) {

  static final String VALIDATION = "ValidationException";
  static final String TABLE_NOT_FOUND = "TableNotFoundException";
  static final String PITR_UNAVAILABLE = "PointInTimeRecoveryUnavailableException";
  static final String INVALID_EXPORT_TIME = "InvalidExportTimeException";
  /** Also for a client token reused with other parameters, as DynamoDB's API model names it. */
  static final String EXPORT_CONFLICT = "ExportConflictException";
  /** Ours, not DynamoDB's: the runner's pod cannot start without someone changing something. */
  static final String RUNNER_CANNOT_START = "RunnerCannotStart";
}
