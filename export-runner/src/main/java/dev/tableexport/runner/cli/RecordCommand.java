package dev.tableexport.runner.cli;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.pitr.BackupStore;
import dev.tableexport.runner.pitr.CorruptBackupObjectException;
import dev.tableexport.runner.pitr.Recorder;
import dev.tableexport.runner.pitr.StreamSetup;
import dev.tableexport.runner.source.SourceTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Point-in-time recovery for any DynamoDB-API table: tails the table's stream"
          + " (NEW_AND_OLD_IMAGES) into a change log in the store, takes base snapshots, and"
          + " publishes the restorable window, until stopped (SIGTERM or Ctrl-C stores what was"
          + " read first). A killed recorder, restarted, goes on where its checkpoints say.",
      "Exports then read the store: export --pitr-store, at any --export-time in the window, or"
          + " INCREMENTAL_EXPORT. describe-continuous-backups shows the window."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped on request",
      "1:failed (the message on stderr says what to change)",
      "2:usage error"
    })
final class RecordCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);

  @Mixin TableAndStore tableAndStore;

  @Option(names = "--recovery-period-days", paramLabel = "1..35",
      description = "How far back times stay restorable (default: ${DEFAULT-VALUE}).")
  int recoveryPeriodDays = 35;

  @Option(names = "--enable-stream",
      description = "Turn on the table's stream (NEW_AND_OLD_IMAGES) if it has none.")
  boolean enableStream;

  @Option(names = "--poll-interval", paramLabel = "DURATION",
      description = "Pause between reads of an idle stream, ISO 8601; bounds the precision of"
          + " change times (default: ${DEFAULT-VALUE}).")
  Duration pollInterval = Duration.ofMillis(250);

  @Option(names = "--segment-interval", paramLabel = "DURATION",
      description = "How long changes are buffered before they are stored; the latest restorable"
          + " time trails by about this much (default: ${DEFAULT-VALUE}).")
  Duration segmentInterval = Duration.ofSeconds(5);

  @Option(names = "--status-interval", paramLabel = "DURATION",
      description = "How often the window and heartbeat are published (default: ${DEFAULT-VALUE}).")
  Duration statusInterval = Duration.ofSeconds(5);

  @Option(names = "--snapshot-interval", paramLabel = "DURATION",
      description = "Time between base snapshots; exports at a time read the changes since the"
          + " snapshot before it (default: ${DEFAULT-VALUE}).")
  Duration snapshotInterval = Duration.ofDays(1);

  @Option(names = "--stream-time-precision", paramLabel = "DURATION",
      description = "How precise the stream's ApproximateCreationDateTime is, ISO 8601 (default:"
          + " PT1M for DynamoDB Local, whose stream ARN names region ddblocal, else PT1S). Changes"
          + " read late are timed by it; where it is coarser than a poll, the time they span is a"
          + " hole in the restorable window.")
  Duration streamTimePrecision;

  @Mixin PipelineOptions pipeline;

  @Override
  public Integer call() throws Exception {
    if (recoveryPeriodDays < 1 || recoveryPeriodDays > 35) {
      System.err.println("--recovery-period-days must be between 1 and 35, as DynamoDB's; it is "
          + recoveryPeriodDays);
      return 1;
    }
    var pipelineSettings = pipeline.settings();
    var arn = tableAndStore.tableArn();
    var location = tableAndStore.store();
    var settings = AwsSettings.fromEnvironment(System.getenv());
    try (var dynamo = AwsClients.dynamoDb(settings, arn.region());
        var streams = AwsClients.dynamoDbStreams(settings, arn.region());
        var s3 = AwsClients.s3(settings, arn.region())) {
      var table = SourceTable.describe(dynamo, arn);
      var store = new BackupStore(s3, location, arn.tableName());
      var existing = existingStatus(store);
      if (existing.isPresent() && !table.tableId().equals(existing.get().tableId())) {
        System.err.println(location + " holds the backup of an earlier table named "
            + arn.tableName() + " (table id " + existing.get().tableId() + "). Give another"
            + " --store, or delete " + store.root() + " there.");
        return 1;
      }
      var streamArn = StreamSetup.streamArn(dynamo, streams, arn.tableName(), enableStream);
      var recorder =
          new Recorder(dynamo, streams, store, table, streamArn,
              new Recorder.Settings(recoveryPeriodDays, pollInterval, segmentInterval, statusInterval,
                  snapshotInterval, pipelineSettings,
                  streamTimePrecision != null ? streamTimePrecision : StreamSetup.timePrecision(streamArn)),
              Clock.systemUTC());
      try (var stop = new StopOnSignal(recorder::stop, Duration.ofSeconds(30))) {
        recorder.run();
      }
      return 0;
    } catch (IllegalStateException | CorruptBackupObjectException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    }
  }

  /** A status.json that cannot be read is no reason to stop: the recorder rewrites it. */
  private static Optional<BackupStatus> existingStatus(BackupStore store) {
    try {
      return store.readStatus();
    } catch (CorruptBackupObjectException e) {
      LOG.error("Status s3://{}/{} cannot be read ({}); the recorder rewrites it, without checking"
          + " that it was this table's", store.location().bucket(), e.key(), e.problem());
      return Optional.empty();
    }
  }
}
