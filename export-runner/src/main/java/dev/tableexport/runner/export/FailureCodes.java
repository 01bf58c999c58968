package dev.tableexport.runner.export;

/**
 * Failure codes of an export: DynamoDB's own exception names, and S3-prefixed codes for the bucket
 * side as DynamoDB reports them (export-format.md, "Failure codes").
 */
public final class FailureCodes {

  public static final String VALIDATION = "ValidationException";
  public static final String TABLE_NOT_FOUND = "TableNotFoundException";
  public static final String PITR_UNAVAILABLE = "PointInTimeRecoveryUnavailableException";
  public static final String INVALID_EXPORT_TIME = "InvalidExportTimeException";
  public static final String EXPORT_CONFLICT = "ExportConflictException";
  public static final String S3_NO_SUCH_BUCKET = "S3NoSuchBucket";
  public static final String S3_ACCESS_DENIED = "S3AccessDenied";
  /**
   * Ours (DynamoDB's backups are no objects a user can damage): an object of the --pitr-store that
   * cannot be read. Not InternalServerError, for the runner is not at fault: the store needs repair.
   */
  public static final String CORRUPT_BACKUP_OBJECT = "CorruptBackupObjectException";
  /**
   * Ours, for the same reason: an object of an export that {@code compact} reads is missing, cannot
   * be read, or does not match the checksum or item count its manifest gives.
   */
  public static final String CORRUPT_EXPORT_OBJECT = "CorruptExportObjectException";
  public static final String INTERNAL_ERROR = "InternalServerError";

  private FailureCodes() {}
}
