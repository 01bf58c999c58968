package dev.tableexport.runner.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decodes DynamoDB wire JSON with the AWS SDK's own unmarshaller: a DynamoDB client whose HTTP
 * layer answers every call with {@code {"Item": <the JSON given>}}, so GetItem parses it exactly
 * as it would parse DynamoDB's answer. Nothing goes over the network.
 */
public final class SdkJsonItemDecoder implements AutoCloseable {

  private final AtomicReference<String> nextBody = new AtomicReference<>();
  private final DynamoDbClient client;

  public SdkJsonItemDecoder() {
    client =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(new CannedHttpClient())
            .build();
  }

  /** @param itemJson the value of an export line's {@code Item} field */
  public Map<String, AttributeValue> decode(String itemJson) {
    nextBody.set("{\"Item\":" + itemJson + "}");
    return client.getItem(get -> get.tableName("decode").key(Map.of())).item();
  }

  @Override
  public void close() {
    client.close();
  }

  private final class CannedHttpClient implements SdkHttpClient {

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      var body = nextBody.get().getBytes(StandardCharsets.UTF_8);
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "application/x-amz-json-1.0")
                      .putHeader("Content-Length", Integer.toString(body.length))
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
