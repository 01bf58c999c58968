package dev.tableexport.runner.cli;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.export.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How the export copes with a slow or failing store: the read timeout of every request, and the
 * budget within which a transient failure (5xx, throttling, timeouts, refused or reset
 * connections) is retried, each attempt resuming from the checkpoints of the one before.
 */
final class RetryOptions {

  /** The first retry waits about this long; each later one twice as long as the one before. */
  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  private static final Duration MAX_DELAY = Duration.ofMinutes(1);

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--read-timeout", paramLabel = "DURATION",
      description = "How long a DynamoDB or S3 request may wait for the next bytes of its answer,"
          + " ISO 8601. Slow DynamoDB-compatible stores (DynamoDB Local with a large table) take"
          + " minutes for a Scan page (default: ${DEFAULT-VALUE}).")
  Duration readTimeout = AwsClients.DEFAULT_READ_TIMEOUT;

  @Option(names = "--retry-attempts", paramLabel = "N",
      description = "Attempts in all at an export that fails transiently, the first included;"
          + " 1 retries nothing. Past them the runner exits 75 (default: ${DEFAULT-VALUE}).")
  int retryAttempts = 10;

  @Option(names = "--retry-time", paramLabel = "DURATION",
      description = "No retry starts later than this after the first transient failure, ISO"
          + " 8601; past it the runner exits 75 (default: ${DEFAULT-VALUE}).")
  Duration retryTime = Duration.ofMinutes(15);

  RetryPolicy policy() {
    if (retryAttempts < 1) {
      throw new ParameterException(command.commandLine(), "Invalid value " + retryAttempts
          + " for --retry-attempts: give 1 or more (1 retries nothing).");
    }
    if (retryTime.isNegative()) {
      throw new ParameterException(command.commandLine(), "Invalid value " + retryTime
          + " for --retry-time: give a duration of 0 or more, such as PT15M.");
    }
    return new RetryPolicy(retryAttempts, retryTime, FIRST_DELAY, MAX_DELAY);
  }

  Duration readTimeout() {
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new ParameterException(command.commandLine(), "Invalid value " + readTimeout
          + " for --read-timeout: give a positive duration, such as PT5M.");
    }
    return readTimeout;
  }
}
