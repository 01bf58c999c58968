package dev.tableexport.contract;

/**
 * How the runner's {@code export} process ends, which the export Job's pod failure policy acts
 * on: a permanent failure fails the Job at once, a transient one is retried by a new pod (which
 * resumes from the export's checkpoints) within the Job's backoff limit.
 */
public final class RunnerExitCodes {

  public static final int COMPLETED = 0;
  /** FAILED with a permanent failure code: retrying cannot change the outcome. */
  public static final int FAILED = 1;
  /** A usage error: an unknown or missing option. */
  public static final int USAGE = 2;
  /**
   * FAILED with a transient failure code after the runner's own retries ran out of budget
   * (sysexits.h's EX_TEMPFAIL): a later attempt may succeed.
   */
  public static final int TRANSIENT_FAILURE = 75;

  private RunnerExitCodes() {}

  public static int of(ExportDescription description) {
    if (description.completed()) {
      return COMPLETED;
    }
    return FailureCodes.isTransient(description.failureCode()) ? TRANSIENT_FAILURE : FAILED;
  }
}
