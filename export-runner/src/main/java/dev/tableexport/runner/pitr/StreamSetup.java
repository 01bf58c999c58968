package dev.tableexport.runner.pitr;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Finds the table's stream, which the recorder needs with NEW_AND_OLD_IMAGES, or turns it on. */
public final class StreamSetup {

  private static final Logger LOG = LoggerFactory.getLogger(StreamSetup.class);
  private static final Duration ENABLE_TIMEOUT = Duration.ofMinutes(2);
  /** DynamoDB Local names this region in its ARNs. */
  private static final String DYNAMODB_LOCAL_REGION = "ddblocal";

  private StreamSetup() {}

  /**
   * How precise the stream's ApproximateCreationDateTime is: to the second on DynamoDB (its
   * documentation: "rounded down to the closest second"), to the minute on DynamoDB Local, which
   * truncates it so (seen on 2.6.1).
   */
  public static Duration timePrecision(String streamArn) {
    var parts = streamArn.split(":", 5);
    boolean local = parts.length > 3 && DYNAMODB_LOCAL_REGION.equals(parts[3]);
    return local ? Duration.ofMinutes(1) : Duration.ofSeconds(1);
  }

  /** The stream's ARN; throws {@link IllegalStateException} saying what to change. */
  public static String streamArn(
      DynamoDbClient dynamo, DynamoDbStreamsClient streams, String tableName, boolean enable)
      throws InterruptedException {
    var table = dynamo.describeTable(d -> d.tableName(tableName)).table();
    var specification = table.streamSpecification();
    boolean enabled = specification != null && Boolean.TRUE.equals(specification.streamEnabled());
    if (enabled && specification.streamViewType() == StreamViewType.NEW_AND_OLD_IMAGES) {
      return table.latestStreamArn();
    }
    if (enabled) {
      throw new IllegalStateException(
          "The stream of table " + tableName + " has view type " + specification.streamViewType()
              + "; the recorder needs NEW_AND_OLD_IMAGES. Disable the stream and enable it again"
              + " with StreamViewType=NEW_AND_OLD_IMAGES.");
    }
    if (!enable) {
      throw new IllegalStateException(
          "Table " + tableName + " has no stream. Enable one (aws dynamodb update-table"
              + " --table-name " + tableName + " --stream-specification"
              + " StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES) or pass --enable-stream.");
    }
    LOG.info("Enabling a NEW_AND_OLD_IMAGES stream on table {}", tableName);
    dynamo.updateTable(u -> u.tableName(tableName).streamSpecification(
        StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
    long deadline = System.nanoTime() + ENABLE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      var arn = dynamo.describeTable(d -> d.tableName(tableName)).table().latestStreamArn();
      if (arn != null
          && streams.describeStream(d -> d.streamArn(arn)).streamDescription().streamStatus() == StreamStatus.ENABLED) {
        return arn;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The stream of table " + tableName + " was not enabled within " + ENABLE_TIMEOUT);
  }
}
