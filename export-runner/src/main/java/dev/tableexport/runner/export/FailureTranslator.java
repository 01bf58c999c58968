package dev.tableexport.runner.export;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK errors into export failures with a specific code and a message that says what to do. */
public final class FailureTranslator {

  private FailureTranslator() {}

  public static ExportFailure fromDynamoDb(SdkException e, String tableName) {
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
    if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
        && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return null;
  }
}
