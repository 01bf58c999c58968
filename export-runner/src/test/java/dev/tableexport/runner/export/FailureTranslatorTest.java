package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.FailureCodes;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FailureTranslatorTest {

  @Test
  void aReadTimeoutSaysWhatTimedOutAndWhichSettingToChange() {
    var timeout = SdkClientException.create("Unable to execute HTTP request: Read timed out",
        new SocketTimeoutException("Read timed out"));

    var failure = FailureTranslator.fromDynamoDb(timeout, "orders");

    assertEquals(FailureCodes.DYNAMODB_TIMEOUT, failure.code());
    assertTrue(failure.getMessage().contains("did not answer a request for table orders within"
        + " the read timeout"), failure.getMessage());
    assertTrue(failure.getMessage().contains("--read-timeout"), failure.getMessage());
    assertFalse(failure.getMessage().contains("credentials"), failure.getMessage());
  }

  @Test
  void aRefusedConnectionIsTransient() {
    var refused = SdkClientException.create("Unable to execute HTTP request: Connection refused",
        new ConnectException("Connection refused"));

    assertEquals(FailureCodes.S3_UNAVAILABLE, FailureTranslator.fromS3(refused, "b").code());
    assertEquals(FailureCodes.DYNAMODB_UNAVAILABLE,
        FailureTranslator.fromDynamoDb(refused, "t").code());
  }

  @Test
  void serverErrorsAndThrottlingAreTransient() {
    var unavailable = (S3Exception) S3Exception.builder().statusCode(503)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").build()).build();
    var throttled = ProvisionedThroughputExceededException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder()
            .errorCode("ProvisionedThroughputExceededException").build()).build();

    assertEquals(FailureCodes.S3_UNAVAILABLE, FailureTranslator.fromS3(unavailable, "b").code());
    assertEquals(FailureCodes.DYNAMODB_UNAVAILABLE,
        FailureTranslator.fromDynamoDb(throttled, "t").code());
  }

  @Test
  void aMissingTableOrBucketIsPermanent() {
    var missingTable = ResourceNotFoundException.builder().statusCode(400).build();
    var missingBucket = (S3Exception) S3Exception.builder().statusCode(404)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").build()).build();

    assertEquals(FailureCodes.TABLE_NOT_FOUND,
        FailureTranslator.fromDynamoDb(missingTable, "t").code());
    assertEquals(FailureCodes.S3_NO_SUCH_BUCKET,
        FailureTranslator.fromS3(missingBucket, "b").code());
  }
}
