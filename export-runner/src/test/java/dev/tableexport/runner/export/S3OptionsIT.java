package dev.tableexport.runner.export;

import dev.tableexport.contract.ExportDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import dev.tableexport.runner.testing.StoredExport;
import dev.tableexport.runner.testing.TestTables;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Server-side encryption on every object, and the expected bucket owner on every S3 call. */
class S3OptionsIT {

  private static final String BUCKET = "exports";
  private static final String TABLE = "orders";
  private static final ExportPipeline.Settings SMALL_FILES =
      new ExportPipeline.Settings(2, 2, 2, 32 * 1024);

  private static LocalEnvironment local;

  @BeforeAll
  static void startServers() throws Exception {
    local = LocalEnvironment.start(LocalS3.inMemoryStore());
    local.s3().createBucket(create -> create.bucket(BUCKET));
    TestTables.createSample(local.dynamo(), TABLE, 600);
  }

  @AfterAll
  static void stopServers() throws Exception {
    local.close();
  }

  @Test
  void aes256IsRequestedForEveryObject() {
    var description = export(request("AES256", null, null), local.s3());

    assertEquals("AES256", description.s3SseAlgorithm());
    var stored = new StoredExport(local.s3(), BUCKET, description);
    stored.assertWellFormed();
    for (var key : stored.keysUnder(stored.directory())) {
      var head = local.s3().headObject(h -> h.bucket(BUCKET).key(key));
      assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption(), key);
    }
  }

  @Test
  void kmsWithAKeyIsRequestedForEveryObjectAndRecorded() {
    var keyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    var description = export(request("KMS", keyId, null), local.s3());

    assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
    assertEquals("KMS", description.s3SseAlgorithm());
    assertEquals(keyId, description.s3SseKmsKeyId());
    var stored = new StoredExport(local.s3(), BUCKET, description);
    assertEquals("KMS", stored.summary().get("s3SseAlgorithm").asText());
    assertEquals(keyId, stored.summary().get("s3SseKmsKeyId").asText());
    for (var key : stored.keysUnder(stored.directory())) {
      var head = local.s3().headObject(h -> h.bucket(BUCKET).key(key));
      assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption(), key);
      assertEquals(keyId, head.ssekmsKeyId(), key);
    }
  }

  @Test
  void everyS3CallCarriesTheExpectedBucketOwner() {
    var owners = new CopyOnWriteArrayList<String>();
    var settings = local.settings();
    try (var s3 =
        S3Client.builder()
            .region(settings.region())
            .credentialsProvider(settings.credentials())
            .endpointOverride(settings.s3Endpoint())
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
              @Override
              public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                owners.add(context.httpRequest().firstMatchingHeader("x-amz-expected-bucket-owner").orElse("none"));
              }
            }))
            .build()) {
      var description = export(request(null, null, "123456789012"), s3);

      assertEquals(ExportDescription.COMPLETED, description.exportStatus(), description.failureMessage());
      assertEquals("123456789012", description.s3BucketOwner());
    }
    assertTrue(owners.size() >= 8, "calls seen: " + owners.size());
    assertEquals(List.of("123456789012"), owners.stream().distinct().toList());
    assertFalse(owners.contains("none"));
  }

  private static ExportDescription export(ExportRequest request, S3Client s3) {
    return new ExportService(local.dynamo(), s3, SMALL_FILES, Clock.systemUTC()).export(request);
  }

  private static ExportRequest request(String sse, String kmsKeyId, String bucketOwner) {
    return new ExportRequest(TestTables.arn(TABLE), BUCKET, "sse", bucketOwner, sse, kmsKeyId,
        ExportFormat.ION, ExportType.FULL_EXPORT, null, null, null, null);
  }
}
