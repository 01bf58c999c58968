package dev.tableexport.runner.cli;

import picocli.CommandLine.Option;

/** How the objects of a new export are written: the bucket owner checked, their encryption. */
final class S3WriteOptions {

  @Option(names = "--s3-bucket-owner", paramLabel = "ACCOUNT",
      description = "The bucket owner's 12-digit account ID; every S3 call checks it.")
  String s3BucketOwner;

  @Option(names = "--s3-sse-algorithm", paramLabel = "AES256|KMS",
      description = "Server-side encryption requested for every object written.")
  String s3SseAlgorithm;

  @Option(names = "--s3-sse-kms-key-id", paramLabel = "KEY",
      description = "The KMS key for --s3-sse-algorithm KMS.")
  String s3SseKmsKeyId;
}
