package dev.tableexport.operator.engine;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;

/**
 * The store's own export: ExportTableToPointInTime once, then DescribeExport until it ends. No
 * Job, no scan; the window is the store's own point-in-time recovery.
 */
public final class NativeEngine implements ExportEngine {

  private final DynamoDbClient dynamo;
  private final NativePitr pitr;
  private final Duration firstLook;
  private final Duration lookInterval;

  /**
   * @param firstLook how long after the start the export is first described
   * @param lookInterval how often after that, while it is IN_PROGRESS
   */
  public NativeEngine(DynamoDbClient dynamo, Duration firstLook, Duration lookInterval) {
    this.dynamo = dynamo;
    this.pitr = new NativePitr(dynamo);
    this.firstLook = firstLook;
    this.lookInterval = lookInterval;
  }

  @Override
  public Engine kind() {
    return Engine.Native;
  }

  @Override
  public Optional<ExportFailure> check(TableExport export, List<ContinuousBackup> backups) {
    var spec = export.getSpec();
    var tableName = TableArn.tableNameOf(spec.getTableArn());
    var state = pitr.describe(tableName);
    if (state.isEmpty()) {
      return Optional.of(new ExportFailure(FailureCodes.PITR_UNAVAILABLE,
          "The table's store has no point-in-time recovery of its own (DescribeContinuousBackups is"
              + " an unknown operation there): create the export with spec.engine Runner and a"
              + " ContinuousBackup for " + spec.getTableArn() + "."));
    }
    if (!state.get().enabled()) {
      return Optional.of(new ExportFailure(FailureCodes.PITR_UNAVAILABLE,
          "Point-in-time recovery is not enabled for table " + tableName + ": turn it on (a"
              + " ContinuousBackup with spec.mode Native, or aws dynamodb update-continuous-backups),"
              + " then create the export again."));
    }
    return PitrCheck.inWindow(spec, state.get().earliest(), state.get().latest(), List.of(), tableName);
  }

  @Override
  public EngineOutcome start(TableExport export, TableExportStatus status, List<ContinuousBackup> backups,
      TableSize size, Context<TableExport> context) {
    try {
      var started = dynamo.exportTableToPointInTime(
          NativeRequests.request(export.getSpec(), clientToken(export))).exportDescription();
      status.setExportArn(started.exportArn());
      var ignored = export.getSpec().parallelismOrOne() > 1
          ? " (spec.parallelism ignored: DynamoDB's own export splits the work itself)" : "";
      return new EngineOutcome.Started(true, "as DynamoDB export " + started.exportArn() + ignored,
          firstLook);
    } catch (DynamoDbException e) {
      return permanentFailure(e).map(failure -> new EngineOutcome.Failed(failure, null)).orElseThrow(() -> e);
    }
  }

  @Override
  public EngineOutcome observe(TableExport export, Context<TableExport> context) {
    var arn = export.getStatus().getExportArn();
    ExportDescription found;
    try {
      found = dynamo.describeExport(describe -> describe.exportArn(arn)).exportDescription();
    } catch (DynamoDbException e) {
      if (permanentFailure(e).isPresent()) {
        throw e;
      }
      // Throttled or a server error: the export goes on regardless; look again at the interval
      // instead of exhausting the reconciler's retries, after which nothing would look again.
      return new EngineOutcome.Running("DynamoDB export " + arn + ": DescribeExport failed ("
          + e.awsErrorDetails().errorCode() + "), looking again in " + lookInterval, lookInterval);
    }
    var description = NativeRequests.description(found);
    if (found.exportStatus() == ExportStatus.COMPLETED) {
      return new EngineOutcome.Completed(description);
    }
    if (found.exportStatus() == ExportStatus.FAILED) {
      return new EngineOutcome.Failed(new ExportFailure(found.failureCode(), found.failureMessage()), description);
    }
    return new EngineOutcome.Running("DynamoDB export " + arn + " is " + found.exportStatusAsString(),
        lookInterval);
  }

  /**
   * The spec's own token when it has one (DynamoDB then deduplicates it against every caller);
   * else one derived from the object, so that a restarted operator or a retried call finds the
   * export it started instead of starting a second.
   */
  static String clientToken(TableExport export) {
    var token = export.getSpec().getClientToken();
    return token != null ? token : "tableexport-" + export.getMetadata().getUid();
  }

  /**
   * DynamoDB's refusals (InvalidExportTimeException, LimitExceededException, ...) end the export
   * with its code and message; throttling and server errors are thrown, to be retried.
   */
  static Optional<ExportFailure> permanentFailure(DynamoDbException e) {
    if (e.isThrottlingException() || e.statusCode() >= 500 || e.awsErrorDetails() == null
        || e.awsErrorDetails().errorCode() == null) {
      return Optional.empty();
    }
    var details = e.awsErrorDetails();
    return Optional.of(new ExportFailure(details.errorCode(), details.errorMessage()));
  }
}
