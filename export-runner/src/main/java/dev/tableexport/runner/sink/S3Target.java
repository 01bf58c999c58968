package dev.tableexport.runner.sink;

import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The bucket an export writes to, and what every request to it carries: the expected bucket owner
 * on every call, the requested server-side encryption on every object written.
 *
 * @param sseAlgorithm {@code AES256}, {@code KMS} or null when none was requested
 */
public record S3Target(String bucket, String expectedBucketOwner, String sseAlgorithm, String kmsKeyId) {

  ServerSideEncryption serverSideEncryption() {
    if (sseAlgorithm == null) {
      return null;
    }
    return sseAlgorithm.equals("KMS") ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256;
  }
}
