package dev.tableexport.operator.engine;

/** Why an export failed: DynamoDB's exception name, and a message that says what to change. */
public record ExportFailure(String code, String message) {

  public static final String VALIDATION = "ValidationException";
  public static final String TABLE_NOT_FOUND = "TableNotFoundException";
  public static final String PITR_UNAVAILABLE = "PointInTimeRecoveryUnavailableException";
  public static final String INVALID_EXPORT_TIME = "InvalidExportTimeException";
  /** Also for a client token reused with other parameters, as DynamoDB's API model names it. */
  public static final String EXPORT_CONFLICT = "ExportConflictException";
  /** Ours, not DynamoDB's: the runner's pod cannot start without someone changing something. */
  public static final String RUNNER_CANNOT_START = "RunnerCannotStart";
}
