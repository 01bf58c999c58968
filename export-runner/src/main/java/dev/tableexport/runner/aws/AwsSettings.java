package dev.tableexport.runner.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where the runner's AWS clients connect and as whom, found the standard SDK way: the default
 * credential chain and region chain, and the {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code
 * AWS_ENDPOINT_URL_DYNAMODB_STREAMS}, {@code AWS_ENDPOINT_URL_S3} and {@code AWS_ENDPOINT_URL}
 * variables.
 *
 * @param region null when no region is configured; clients then use the table ARN's region
 * @param dynamoDbEndpoint null for the service's own endpoint
 * @param dynamoDbStreamsEndpoint null for the service's own endpoint; without its own variable, the
 *     DynamoDB endpoint, since DynamoDB Local, LocalStack and Alternator serve streams there too
 * @param s3Endpoint null for the service's own endpoint; when set, S3 uses path-style addressing
 */
public record AwsSettings(
    Region region,
    URI dynamoDbEndpoint,
    URI dynamoDbStreamsEndpoint,
    URI s3Endpoint,
    AwsCredentialsProvider credentials) {

  public static AwsSettings fromEnvironment(Map<String, String> environment) {
    var anyEndpoint = environment.get("AWS_ENDPOINT_URL");
    var dynamoDbEndpoint = environment.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", anyEndpoint);
    return new AwsSettings(
        configuredRegion().orElse(null),
        endpoint(dynamoDbEndpoint),
        endpoint(environment.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDbEndpoint)),
        endpoint(environment.getOrDefault("AWS_ENDPOINT_URL_S3", anyEndpoint)),
        DefaultCredentialsProvider.builder().build());
  }

  public Region regionOr(String fallback) {
    return region != null ? region : Region.of(fallback);
  }

  private static Optional<Region> configuredRegion() {
    try {
      return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }

  private static URI endpoint(String value) {
    return value == null || value.isBlank() ? null : URI.create(value);
  }
}
