package dev.tableexport.runner.export;

import dev.tableexport.contract.FailureCodes;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK errors into export failures with a specific code and a message that says what to do.
 * What may pass by itself (5xx, throttling, timeouts, refused or reset connections) gets one of the
 * transient codes of {@link FailureCodes}, which the runner retries.
 */
public final class FailureTranslator {

  /** The flag whose value bounds how long one request may wait for an answer. */
  public static final String READ_TIMEOUT_OPTION = "--read-timeout";

  private FailureTranslator() {}

  public static ExportFailure fromDynamoDb(SdkException e, String tableName) {
    var transientFailure = transientFailure(e, "DynamoDB", "table " + tableName,
        FailureCodes.DYNAMODB_TIMEOUT, FailureCodes.DYNAMODB_UNAVAILABLE,
        "AWS_ENDPOINT_URL_DYNAMODB");
    if (transientFailure.isPresent()) {
      return transientFailure.get();
    }
    if (e instanceof ResourceNotFoundException) {
      return new ExportFailure(
          FailureCodes.TABLE_NOT_FOUND,
          "Table not found: "
              + tableName
              + ". Check --table-arn, and that AWS_REGION and AWS_ENDPOINT_URL_DYNAMODB point at the"
              + " table's region and endpoint.",
          e);
    }
    if (e instanceof SdkServiceException service && serviceErrorCode(e) != null) {
      return new ExportFailure(
          serviceErrorCode(e),
          "DynamoDB refused the request for table " + tableName + ": " + service.getMessage(),
          e);
    }
    return new ExportFailure(
        "DynamoDBClientError",
        "Could not read table "
            + tableName
            + ": "
            + e.getMessage()
            + ". Check AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and the credentials.",
        e);
  }

  /**
   * The failure for what S3 answered, quoting its status code, error code (S3-compatible stores
   * and HEAD requests may give none) and message: only S3's own NoSuchBucket means the bucket is
   * missing.
   */
  public static ExportFailure fromS3(SdkException e, String bucket) {
    var transientFailure = transientFailure(e, "S3", "bucket " + bucket, FailureCodes.S3_TIMEOUT,
        FailureCodes.S3_UNAVAILABLE, "AWS_ENDPOINT_URL_S3");
    if (transientFailure.isPresent()) {
      return transientFailure.get();
    }
    if (e instanceof S3Exception s3) {
      var code = serviceErrorCode(e);
      var answer = answer(s3, code, bucket);
      if ("NoSuchBucket".equals(code)) {
        return new ExportFailure(
            FailureCodes.S3_NO_SUCH_BUCKET,
            answer + " Create bucket " + bucket + " or change --s3-bucket.",
            e);
      }
      if (s3.statusCode() == 403) {
        return new ExportFailure(
            FailureCodes.S3_ACCESS_DENIED,
            answer
                + " The runner's credentials need s3:PutObject, s3:GetObject, s3:ListBucket,"
                + " s3:AbortMultipartUpload and s3:ListBucketMultipartUploads on bucket "
                + bucket
                + " (and kms:GenerateDataKey with KMS); with --s3-bucket-owner, it must be the"
                + " bucket's account.",
            e);
      }
      var advice = code == null
          ? " With no error code, the endpoint may not be an S3 API: check AWS_ENDPOINT_URL_S3."
          : "";
      return new ExportFailure("S3" + (code == null ? "Error" : code), answer + advice, e);
    }
    return new ExportFailure(
        "S3ClientError",
        "Could not write to bucket "
            + bucket
            + ": "
            + e.getMessage()
            + ". Check AWS_ENDPOINT_URL_S3, AWS_REGION and the credentials.",
        e);
  }

  /** "S3 answered HTTP 404 NoSuchBucket to a request to bucket b: The specified ... (request ID r)." */
  private static String answer(S3Exception s3, String code, String bucket) {
    var details = s3.awsErrorDetails();
    var message = details == null || details.errorMessage() == null
        ? "" : details.errorMessage().strip().replaceFirst("\\.$", "");
    return "S3 answered HTTP "
        + s3.statusCode()
        + (code == null ? " with no error code" : " " + code)
        + " to a request to bucket "
        + bucket
        + (message.isEmpty() ? "" : ": " + message)
        + (s3.requestId() == null ? "" : " (request ID " + s3.requestId() + ")")
        + ".";
  }

  private static String serviceErrorCode(SdkException e) {
    if (e instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return null;
  }

  /**
   * The transient failure {@code e} is, if it is one: a timeout (saying which, and the setting to
   * raise), a 5xx or throttling answer, or a connection that failed or was reset.
   */
  private static Optional<ExportFailure> transientFailure(SdkException e, String service,
      String resource, String timeoutCode, String unavailableCode, String endpointVariable) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return Optional.of(new ExportFailure(timeoutCode, "A " + service + " request for " + resource
          + " took longer than the SDK's API call timeout: " + e.getMessage(), e));
    }
    if (causedBy(e, SocketTimeoutException.class)) {
      return Optional.of(new ExportFailure(timeoutCode, service + " did not answer a request for "
          + resource + " within the read timeout (" + e.getMessage() + "). A slow store needs a"
          + " longer " + READ_TIMEOUT_OPTION + (service.equals("DynamoDB")
              ? ", or more --scan-segments, whose pages come back faster" : "")
          + ".", e));
    }
    if (e instanceof AwsServiceException service5xx
        && (service5xx.statusCode() >= 500 || service5xx.isThrottlingException())) {
      return Optional.of(new ExportFailure(unavailableCode, service + " answered HTTP "
          + service5xx.statusCode() + " " + serviceErrorCode(e) + " for " + resource + ": "
          + service5xx.getMessage() + ". Retried, with backoff; a lasting one needs more capacity"
          + " or fewer --scan-segments and --upload-threads.", e));
    }
    if (!(e instanceof SdkServiceException) && causedBy(e, IOException.class)) {
      return Optional.of(new ExportFailure(unavailableCode, "The connection to " + service
          + " failed for " + resource + ": " + e.getMessage() + ". Retried, with backoff; if it"
          + " lasts, check " + endpointVariable + " and the network.", e));
    }
    return Optional.empty();
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
