package dev.tableexport.operator.engine;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;

/** The store's own point-in-time recovery: DescribeContinuousBackups and UpdateContinuousBackups. */
public final class NativePitr {

  /** What DynamoDB Local (and other stores without the operation) answer. */
  static final String UNKNOWN_OPERATION = "UnknownOperationException";

  /** DescribeContinuousBackups' PointInTimeRecoveryDescription; times null while DISABLED. */
  public record State(
      PointInTimeRecoveryStatus status, Instant earliest, Instant latest, Integer recoveryPeriodInDays) {

    public boolean enabled() {
      return status == PointInTimeRecoveryStatus.ENABLED && earliest != null && latest != null;
    }
  }

  private final DynamoDbClient dynamo;

  public NativePitr(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Empty when the store has no such operation; other errors are thrown, to be retried. */
  public Optional<State> describe(String tableName) {
    try {
      var description = dynamo.describeContinuousBackups(describe -> describe.tableName(tableName))
          .continuousBackupsDescription().pointInTimeRecoveryDescription();
      return Optional.of(state(description));
    } catch (DynamoDbException e) {
      if (unknownOperation(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public State enable(String tableName, int recoveryPeriodInDays) {
    return update(tableName, true, recoveryPeriodInDays);
  }

  public State disable(String tableName) {
    return update(tableName, false, null);
  }

  private State update(String tableName, boolean enabled, Integer days) {
    var description = dynamo.updateContinuousBackups(update -> update.tableName(tableName)
        .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(enabled)
            .recoveryPeriodInDays(days)))
        .continuousBackupsDescription().pointInTimeRecoveryDescription();
    return state(description);
  }

  private static State state(
      software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription description) {
    if (description == null) {
      return new State(PointInTimeRecoveryStatus.DISABLED, null, null, null);
    }
    return new State(description.pointInTimeRecoveryStatus(), description.earliestRestorableDateTime(),
        description.latestRestorableDateTime(), description.recoveryPeriodInDays());
  }

  static boolean unknownOperation(DynamoDbException e) {
    return e.awsErrorDetails() != null && UNKNOWN_OPERATION.equals(e.awsErrorDetails().errorCode());
  }
}
