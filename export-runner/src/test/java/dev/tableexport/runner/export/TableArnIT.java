package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.source.WireItemsInterceptor;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The table ARN must be the table's: where the store reports a real ARN, a claimed one with
 * another region or account is refused; the TableId is the table's whatever ARN names it.
 */
class TableArnIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final String CLAIMED = "arn:aws:dynamodb:eu-west-1:999999999999:table/orders";
  private static final String REAL = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
  private static final ExportPipeline.Settings SETTINGS = new ExportPipeline.Settings(2, 1, 1, 1 << 20);

  private static LocalEnvironment local;
  private static DynamoDbClient reportingRealArns;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 50);
    reportingRealArns = DynamoDbClient.builder()
        .region(local.settings().region())
        .credentialsProvider(LocalS3.credentials())
        .endpointOverride(local.settings().dynamoDbEndpoint())
        .overrideConfiguration(o -> o.addExecutionInterceptor(new RealArnInDescribeTable())
            .addExecutionInterceptor(new WireItemsInterceptor()))
        .build();
  }

  @AfterAll
  static void stopServers() throws Exception {
    reportingRealArns.close();
    local.close();
  }

  @Test
  void anArnContradictingTheTablesRealOneIsAValidationErrorShowingBoth() {
    var description = service(reportingRealArns).export(request(CLAIMED, "contradicted"));

    assertEquals(ExportDescription.FAILED, description.exportStatus());
    assertEquals("ValidationException", description.failureCode(), description.failureMessage());
    var message = description.failureMessage();
    assertTrue(message.contains(CLAIMED) && message.contains(REAL), message);
    assertTrue(message.contains("region eu-west-1 is not the table's us-east-1, account"
        + " 999999999999 is not the table's 123456789012"), message);
    assertEquals(0, local.s3().listObjectsV2(list -> list.bucket(BUCKET).prefix("contradicted"))
        .keyCount(), "nothing is written");
  }

  @Test
  void theTablesOwnRealArnExports() {
    var description = service(reportingRealArns).export(request(REAL, "own"));

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals(REAL, description.tableArn());
  }

  @Test
  void whereTheStoreHasOnlyPlaceholdersTheTableIdIsTheTablesWhateverArnNamesIt() {
    var own = service(local.dynamo()).export(request(TestTables.arn(TABLE).arn(), "placeholder"));
    var claimed = service(local.dynamo()).export(request(CLAIMED, "placeholder"));

    assertEquals(ExportDescription.COMPLETED, claimed.exportStatus(), claimed.failureMessage());
    assertEquals(own.tableId(), claimed.tableId());
    assertEquals(own.tableId(),
        new StoredExport(local.s3(), BUCKET, claimed).summary().get("tableId").asText());
  }

  private static ExportService service(DynamoDbClient dynamo) {
    return new ExportService(dynamo, local.s3(), SETTINGS, Clock.systemUTC());
  }

  private static ExportRequest request(String tableArn, String prefix) {
    return new ExportRequest(TableArn.parse(tableArn).orElseThrow(), BUCKET, prefix, null, null,
        null, ExportFormat.DYNAMODB_JSON, ExportType.FULL_EXPORT, null, null, null, null);
  }

  /**
   * DynamoDB Local with the ARN a real store reports: DescribeTable's TableArn is rewritten from
   * DynamoDB Local's placeholder to a real-looking one; all else is DynamoDB Local's answer.
   */
  private static final class RealArnInDescribeTable implements ExecutionInterceptor {

    private static boolean describeTable(ExecutionAttributes attributes) {
      return "DescribeTable".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      // The body changes, so its CRC32 no longer holds.
      return describeTable(attributes)
          ? context.httpResponse().toBuilder().removeHeader("x-amz-crc32").build()
          : context.httpResponse();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (!describeTable(attributes) || context.responseBody().isEmpty()) {
        return context.responseBody();
      }
      try (var body = context.responseBody().get()) {
        var json = new String(body.readAllBytes(), StandardCharsets.UTF_8)
            .replace(TestTables.arn(TABLE).arn(), REAL);
        return Optional.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
