package dev.tableexport.runner.local;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB Local and S3Proxy, with clients for both: started in this process, or running in
 * another one (see {@code serve}) and only connected to.
 */
public final class LocalEnvironment implements AutoCloseable {

  private final AutoCloseable servers;
  private final AwsSettings settings;
  private final DynamoDbClient dynamo;
  private final S3Client s3;

  private LocalEnvironment(URI dynamoDbEndpoint, URI s3Endpoint, AutoCloseable servers) {
    this.servers = servers;
    this.settings =
        new AwsSettings(
            Region.of(LocalDynamoDb.REGION),
            dynamoDbEndpoint,
            dynamoDbEndpoint,
            s3Endpoint,
            LocalS3.credentials());
    this.dynamo = AwsClients.dynamoDb(settings, LocalDynamoDb.REGION);
    this.s3 = AwsClients.s3(settings, LocalDynamoDb.REGION);
  }

  public static LocalEnvironment start(BlobStore store) throws Exception {
    var dynamoDbServer = LocalDynamoDb.start();
    try {
      var s3Server = LocalS3.start(store);
      return new LocalEnvironment(dynamoDbServer.endpoint(), s3Server.endpoint(), () -> {
        try {
          s3Server.close();
        } finally {
          dynamoDbServer.close();
        }
      });
    } catch (Exception e) {
      dynamoDbServer.close();
      throw e;
    }
  }

  /** Clients for servers another process runs, with LocalS3's keys. */
  public static LocalEnvironment connect(URI dynamoDbEndpoint, URI s3Endpoint) {
    return new LocalEnvironment(dynamoDbEndpoint, s3Endpoint, () -> {});
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

  /** The environment variables that point the runner's command line at these servers. */
  public Map<String, String> runnerEnvironment() {
    return Map.of(
        "AWS_REGION", LocalDynamoDb.REGION,
        "AWS_ENDPOINT_URL_DYNAMODB", settings.dynamoDbEndpoint().toString(),
        "AWS_ENDPOINT_URL_S3", settings.s3Endpoint().toString(),
        "AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_ACCESS_KEY);
  }

  @Override
  public void close() throws Exception {
    dynamo.close();
    s3.close();
    servers.close();
  }
}
