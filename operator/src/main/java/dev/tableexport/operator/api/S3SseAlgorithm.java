package dev.tableexport.operator.api;

/** The server-side encryption requested for an export's objects (DynamoDB: S3SseAlgorithm). */
public enum S3SseAlgorithm {
  AES256,
  KMS
}
