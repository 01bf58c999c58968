package dev.tableexport.runner.aws;

import dev.tableexport.runner.source.WireItemsInterceptor;
import java.time.Duration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the runner's SDK clients: adaptive retry, and settings that suit S3-compatible stores. */
public final class AwsClients {

  private AwsClients() {}

  /**
   * How long a request may wait for the next bytes of its answer, by default: long enough for
   * DynamoDB-compatible stores that take minutes for a 1 MB Scan page of a large table (the SDK's
   * own 30 seconds is not), short enough that a dead connection is noticed and retried.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

  /**
   * DynamoDB, with the interceptor that lets scans keep their items as the response's JSON.
   *
   * @param fallbackRegion the region to use when none is configured (the table ARN's)
   */
  public static DynamoDbClient dynamoDb(AwsSettings settings, String fallbackRegion) {
    return dynamoDb(settings, fallbackRegion, DEFAULT_READ_TIMEOUT);
  }

  /** @param readTimeout how long a request may wait for the next bytes of its answer */
  public static DynamoDbClient dynamoDb(
      AwsSettings settings, String fallbackRegion, Duration readTimeout) {
    var builder =
        DynamoDbClient.builder()
            .region(settings.regionOr(fallbackRegion))
            .credentialsProvider(settings.credentials())
            .httpClientBuilder(
                Apache5HttpClient.builder().maxConnections(128).socketTimeout(readTimeout))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(RetryMode.ADAPTIVE_V2)
                        .addExecutionInterceptor(new WireItemsInterceptor()));
    if (settings.dynamoDbEndpoint() != null) {
      builder.endpointOverride(settings.dynamoDbEndpoint());
    }
    return builder.build();
  }

  public static DynamoDbStreamsClient dynamoDbStreams(AwsSettings settings, String fallbackRegion) {
    var builder =
        DynamoDbStreamsClient.builder()
            .region(settings.regionOr(fallbackRegion))
            .credentialsProvider(settings.credentials())
            .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2));
    if (settings.dynamoDbStreamsEndpoint() != null) {
      builder.endpointOverride(settings.dynamoDbStreamsEndpoint());
    }
    return builder.build();
  }

  /**
   * S3 with checksums only where the API requires them (many S3-compatible stores reject the
   * newer checksum headers; the runner sends Content-MD5 itself), and path-style addressing when
   * the endpoint is overridden, as MinIO and S3Proxy need.
   */
  public static S3Client s3(AwsSettings settings, String fallbackRegion) {
    return s3(settings, fallbackRegion, DEFAULT_READ_TIMEOUT);
  }

  public static S3Client s3(AwsSettings settings, String fallbackRegion, Duration readTimeout) {
    var builder =
        S3Client.builder()
            .region(settings.regionOr(fallbackRegion))
            .credentialsProvider(settings.credentials())
            .httpClientBuilder(
                Apache5HttpClient.builder().maxConnections(64).socketTimeout(readTimeout))
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .crossRegionAccessEnabled(settings.s3Endpoint() == null);
    if (settings.s3Endpoint() != null) {
      builder.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
    }
    return builder.build();
  }
}
