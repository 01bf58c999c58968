package dev.tableexport.runner.local;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import java.util.Map;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** DynamoDB Local and S3Proxy started together, with clients for both. */
public final class LocalEnvironment implements AutoCloseable {

  private final LocalDynamoDb dynamoDbServer;
  private final LocalS3 s3Server;
  private final AwsSettings settings;
  private final DynamoDbClient dynamo;
  private final S3Client s3;

  private LocalEnvironment(LocalDynamoDb dynamoDbServer, LocalS3 s3Server) {
    this.dynamoDbServer = dynamoDbServer;
    this.s3Server = s3Server;
    this.settings =
        new AwsSettings(
            Region.of(LocalDynamoDb.REGION),
            dynamoDbServer.endpoint(),
            dynamoDbServer.endpoint(),
            s3Server.endpoint(),
            LocalS3.credentials());
    this.dynamo = AwsClients.dynamoDb(settings, LocalDynamoDb.REGION);
    this.s3 = AwsClients.s3(settings, LocalDynamoDb.REGION);
  }

  public static LocalEnvironment start(BlobStore store) throws Exception {
    var dynamoDbServer = LocalDynamoDb.start();
    try {
      return new LocalEnvironment(dynamoDbServer, LocalS3.start(store));
    } catch (Exception e) {
      dynamoDbServer.close();
      throw e;
    }
  }

  public DynamoDbClient dynamo() {
    return dynamo;
  }

  public S3Client s3() {
    return s3;
  }

  public AwsSettings settings() {
    return settings;
  }

  public LocalS3 s3Server() {
    return s3Server;
  }

  /** The environment variables that point the runner's command line at these servers. */
  public Map<String, String> runnerEnvironment() {
    return Map.of(
        "AWS_REGION", LocalDynamoDb.REGION,
        "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbServer.endpoint().toString(),
        "AWS_ENDPOINT_URL_S3", s3Server.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_ACCESS_KEY);
  }

  @Override
  public void close() throws Exception {
    dynamo.close();
    s3.close();
    try {
      s3Server.close();
    } finally {
      dynamoDbServer.close();
    }
  }
}
