package dev.tableexport.runner.pitr;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.export.ExportFailure;

/**
 * An object of the backup store that cannot be read: truncated, not gzip, not what its kind holds,
 * or missing though a manifest lists it.
 */
public final class CorruptBackupObjectException extends ExportFailure {

  private final String key;
  private final String problem;

  CorruptBackupObjectException(String bucket, String key, String problem, Throwable cause) {
    super(FailureCodes.CORRUPT_BACKUP_OBJECT,
        "The backup object s3://" + bucket + "/" + key + " cannot be read: " + problem
            + ". Restore it from a copy of the store, or delete it (export-runner/docs/pitr.md,"
            + " \"Damaged objects\", says what is then lost).",
        cause);
    this.key = key;
    this.problem = problem;
  }

  /** What is wrong, from a parser's failure: Jackson's message without its source excerpt. */
  static String problemOf(Exception e) {
    var message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }
}
