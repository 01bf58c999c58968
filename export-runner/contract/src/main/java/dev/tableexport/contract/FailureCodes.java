package dev.tableexport.contract;

import java.util.Set;

/**
 * The failure codes of an export, for the runner and the operator alike: DynamoDB's own exception
 * names, S3-prefixed codes for the bucket side (export-format.md, "Failure codes"), and a few of
 * ours. Each code is either transient (the same request may succeed later: the runner retries it,
 * then the Job retries the pod) or permanent (someone must change something first).
 */
public final class FailureCodes {

  public static final String VALIDATION = "ValidationException";
  public static final String TABLE_NOT_FOUND = "TableNotFoundException";
  public static final String PITR_UNAVAILABLE = "PointInTimeRecoveryUnavailableException";
  public static final String INVALID_EXPORT_TIME = "InvalidExportTimeException";
  /** Also for a client token reused with other parameters, as DynamoDB's API model names it. */
  public static final String EXPORT_CONFLICT = "ExportConflictException";
  public static final String S3_NO_SUCH_BUCKET = "S3NoSuchBucket";
  public static final String S3_ACCESS_DENIED = "S3AccessDenied";
  /** DynamoDB refused the credentials or the request (AccessDenied, UnrecognizedClient...). */
  public static final String DYNAMODB_ACCESS_DENIED = "AccessDeniedException";
  /**
   * Ours (DynamoDB's backups are no objects a user can damage): an object of the --pitr-store
   * that cannot be read. Not InternalServerError, for the runner is not at fault: the store needs
   * repair.
   */
  public static final String CORRUPT_BACKUP_OBJECT = "CorruptBackupObjectException";
  /**
   * Ours, for the same reason: an object of an export that {@code compact} reads is missing, cannot
   * be read, or does not match the checksum or item count its manifest gives.
   */
  public static final String CORRUPT_EXPORT_OBJECT = "CorruptExportObjectException";
  /** Ours: the runner failed in a way it did not foresee; its log says where. */
  public static final String INTERNAL_ERROR = "InternalServerError";
  /** Ours: the runner's pod cannot start without someone changing something. */
  public static final String RUNNER_CANNOT_START = "RunnerCannotStart";

  /** Transient: DynamoDB answered 5xx or throttled, or the connection failed or was reset. */
  public static final String DYNAMODB_UNAVAILABLE = "DynamoDBUnavailable";
  /** Transient: a DynamoDB request timed out; the message names the setting to raise. */
  public static final String DYNAMODB_TIMEOUT = "DynamoDBTimeout";
  /** Transient: S3 answered 5xx or SlowDown, or the connection failed or was reset. */
  public static final String S3_UNAVAILABLE = "S3Unavailable";
  /** Transient: an S3 request timed out; the message names the setting to raise. */
  public static final String S3_TIMEOUT = "S3Timeout";

  private static final Set<String> TRANSIENT =
      Set.of(DYNAMODB_UNAVAILABLE, DYNAMODB_TIMEOUT, S3_UNAVAILABLE, S3_TIMEOUT);

  private FailureCodes() {}

  /**
   * Whether a failure with this code may go away by itself. Every other code is permanent:
   * validation, a missing table or bucket, denied access, point-in-time errors, a corrupt store,
   * and unforeseen failures, which a retry would only repeat.
   */
  public static boolean isTransient(String code) {
    return code != null && TRANSIENT.contains(code);
  }
}
