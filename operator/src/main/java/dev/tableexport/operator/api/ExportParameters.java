package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tableexport.contract.ApiLimits;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * What a TableExport and a schedule's template both say: the table, where and how the export is
 * written, and what runs it. The times, the export type and the client token are each one's own.
 */
public abstract class ExportParameters {

  public static final String TABLE_ARN_PATTERN =
      "^arn:[a-z][a-z0-9-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[a-zA-Z0-9_.-]{3,255}$";
  public static final String S3_BUCKET_PATTERN = "^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$";

  @Required
  @Size(min = 1, max = 1024)
  @Pattern(TABLE_ARN_PATTERN)
  @JsonPropertyDescription(
      "ARN of the table to export: arn:<partition>:dynamodb:<region>:<12-digit account>:table/"
          + "<name>. Required. The table needs point-in-time recovery: its store's own (Amazon"
          + " DynamoDB's, for the Native engine) or a ContinuousBackup for the same ARN (for the"
          + " Runner engine). DynamoDB: TableArn.")
  private String tableArn;

  @Required
  @Size(max = 255)
  @Pattern(S3_BUCKET_PATTERN)
  @JsonPropertyDescription(
      "Name of the S3 (or S3-compatible) bucket the export is written to. Required. DynamoDB:"
          + " S3Bucket.")
  private String s3Bucket;

  @Size(max = 1024)
  @JsonPropertyDescription(
      "Key prefix of every object of the export, which lands under"
          + " <s3Prefix>/AWSDynamoDB/<ExportId>/. Default: none, the bucket's root. DynamoDB:"
          + " S3Prefix.")
  private String s3Prefix;

  @Pattern("^[0-9]{12}$")
  @JsonPropertyDescription(
      "12-digit account ID that must own s3Bucket: every S3 request names it as the expected"
          + " bucket owner and fails when another account owns the bucket. Default: not checked."
          + " DynamoDB: S3BucketOwner.")
  private String s3BucketOwner;

  @JsonPropertyDescription(
      "Server-side encryption requested for every object written: AES256 (S3-managed keys) or"
          + " KMS (a KMS key, see s3SseKmsKeyId). Default: none requested, the bucket's default"
          + " encryption applies. DynamoDB: S3SseAlgorithm.")
  private S3SseAlgorithm s3SseAlgorithm;

  @Size(min = 1, max = 2048)
  @JsonPropertyDescription(
      "ID, ARN or alias of the KMS key that encrypts the objects; only valid with s3SseAlgorithm"
          + " KMS. Default: the account's AWS-managed S3 key. DynamoDB: S3SseKmsKeyId.")
  private String s3SseKmsKeyId;

  @Default("DYNAMODB_JSON")
  @JsonPropertyDescription(
      "Format of the data files: DYNAMODB_JSON (one {\"Item\": ...} JSON line per item) or ION"
          + " (Amazon Ion text). Default: DYNAMODB_JSON. DynamoDB: ExportFormat.")
  private ExportFormat exportFormat;

  @Default("Auto")
  @JsonPropertyDescription(
      "What runs the export. Native: the store's own export (Amazon DynamoDB's"
          + " ExportTableToPointInTime, following DescribeExport; no Job, no scan; needs the"
          + " table's own point-in-time recovery). Runner: a Job that reads the table through its"
          + " ContinuousBackup and writes the export itself. Auto: Native when the table's"
          + " DescribeContinuousBackups says PointInTimeRecoveryStatus ENABLED and no"
          + " ContinuousBackup in this namespace names the table, else Runner. Default: Auto."
          + " Not a DynamoDB field.")
  private Engine engine;

  @JsonPropertyDescription(
      "CPU and memory requests and limits of the runner's pod (engine Runner), as a container's"
          + " resources. The runner sizes its threads and buffers from them, and its heap from the"
          + " memory limit. Default: the operator's (chart value runner.resources)."
          + " Not a DynamoDB field.")
  private RunnerResources resources;

  @Min(1)
  @Max(ApiLimits.MAX_EXPORT_PARALLELISM)
  @JsonPropertyDescription(
      "Number of pods the export is split across (engine Runner), 1 to 64: an Indexed Job of that"
          + " many runner pods, each exporting its share of the table (scan segments, or keys by"
          + " hash for exports from the ContinuousBackup) into data files of its own; the manifests"
          + " list every pod's files once. A failed pod is retried alone and resumes its share."
          + " For tables one pod cannot export in time. Ignored by the Native engine, which splits"
          + " the work itself. Default: 1. Not a DynamoDB field.")
  private Integer parallelism;

  public String getTableArn() {
    return tableArn;
  }

  public void setTableArn(String tableArn) {
    this.tableArn = tableArn;
  }

  public String getS3Bucket() {
    return s3Bucket;
  }

  public void setS3Bucket(String s3Bucket) {
    this.s3Bucket = s3Bucket;
  }

  public String getS3Prefix() {
    return s3Prefix;
  }

  public void setS3Prefix(String s3Prefix) {
    this.s3Prefix = s3Prefix;
  }

  public String getS3BucketOwner() {
    return s3BucketOwner;
  }

  public void setS3BucketOwner(String s3BucketOwner) {
    this.s3BucketOwner = s3BucketOwner;
  }

  public S3SseAlgorithm getS3SseAlgorithm() {
    return s3SseAlgorithm;
  }

  public void setS3SseAlgorithm(S3SseAlgorithm s3SseAlgorithm) {
    this.s3SseAlgorithm = s3SseAlgorithm;
  }

  public String getS3SseKmsKeyId() {
    return s3SseKmsKeyId;
  }

  public void setS3SseKmsKeyId(String s3SseKmsKeyId) {
    this.s3SseKmsKeyId = s3SseKmsKeyId;
  }

  public ExportFormat getExportFormat() {
    return exportFormat;
  }

  public void setExportFormat(ExportFormat exportFormat) {
    this.exportFormat = exportFormat;
  }

  public Engine getEngine() {
    return engine;
  }

  public void setEngine(Engine engine) {
    this.engine = engine;
  }

  public RunnerResources getResources() {
    return resources;
  }

  public void setResources(RunnerResources resources) {
    this.resources = resources;
  }

  public Integer getParallelism() {
    return parallelism;
  }

  public void setParallelism(Integer parallelism) {
    this.parallelism = parallelism;
  }

  /** The pods the export is split across: 1 unless asked for. */
  public int parallelismOrOne() {
    return parallelism == null ? 1 : parallelism;
  }

  /** Sets every parameter to {@code other}'s. */
  public void copyParameters(ExportParameters other) {
    tableArn = other.tableArn;
    s3Bucket = other.s3Bucket;
    s3Prefix = other.s3Prefix;
    s3BucketOwner = other.s3BucketOwner;
    s3SseAlgorithm = other.s3SseAlgorithm;
    s3SseKmsKeyId = other.s3SseKmsKeyId;
    exportFormat = other.exportFormat;
    engine = other.engine;
    resources = other.resources;
    parallelism = other.parallelism;
  }

  protected boolean sameParameters(ExportParameters that) {
    return Objects.equals(tableArn, that.tableArn)
        && Objects.equals(s3Bucket, that.s3Bucket)
        && Objects.equals(s3Prefix, that.s3Prefix)
        && Objects.equals(s3BucketOwner, that.s3BucketOwner)
        && s3SseAlgorithm == that.s3SseAlgorithm
        && Objects.equals(s3SseKmsKeyId, that.s3SseKmsKeyId)
        && exportFormat == that.exportFormat
        && engine == that.engine
        && Objects.equals(resources, that.resources)
        && Objects.equals(parallelism, that.parallelism);
  }

  protected int parametersHashCode() {
    return Objects.hash(tableArn, s3Bucket, s3Prefix, s3BucketOwner, s3SseAlgorithm,
        s3SseKmsKeyId, exportFormat, engine, resources, parallelism);
  }
}
