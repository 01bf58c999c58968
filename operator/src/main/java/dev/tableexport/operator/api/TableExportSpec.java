package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** An ExportTableToPointInTime request, field for field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message = "spec is immutable: create a new TableExport for a new export")
@ValidationRule(
    value =
        "!has(self.exportType) || self.exportType != 'INCREMENTAL_EXPORT'"
            + " || has(self.incrementalExportSpecification)",
    message =
        "exportType INCREMENTAL_EXPORT needs incrementalExportSpecification, with at least"
            + " exportFromTime")
@ValidationRule(
    value =
        "!has(self.incrementalExportSpecification)"
            + " || (has(self.exportType) && self.exportType == 'INCREMENTAL_EXPORT')",
    message = "incrementalExportSpecification is only valid with exportType INCREMENTAL_EXPORT")
@ValidationRule(
    value = "!has(self.exportTime) || !has(self.exportType) || self.exportType == 'FULL_EXPORT'",
    message =
        "exportTime is only valid with exportType FULL_EXPORT; an incremental export takes"
            + " incrementalExportSpecification.exportFromTime and exportToTime")
@ValidationRule(
    value =
        "!has(self.s3SseKmsKeyId) || (has(self.s3SseAlgorithm) && self.s3SseAlgorithm == 'KMS')",
    message = "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS")
public class TableExportSpec {

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

  @Default("FULL_EXPORT")
  @JsonPropertyDescription(
      "FULL_EXPORT: the whole table as it was at exportTime. INCREMENTAL_EXPORT: the items that"
          + " changed in the window of incrementalExportSpecification. Default: FULL_EXPORT."
          + " DynamoDB: ExportType.")
  private ExportType exportType;

  @DateTime
  @JsonPropertyDescription(
      "Point in time to export the table at, RFC 3339 (2026-01-14T10:18:50Z; offsets allowed)."
          + " It must lie inside the table's restorable window (DescribeContinuousBackups, or the"
          + " ContinuousBackup's status)."
          + " Default: the latest restorable time. Only valid with exportType FULL_EXPORT."
          + " DynamoDB: ExportTime.")
  private String exportTime;

  @JsonPropertyDescription(
      "Window and view of an incremental export: required with exportType INCREMENTAL_EXPORT and"
          + " only valid with it. DynamoDB: IncrementalExportSpecification.")
  private IncrementalExportSpecification incrementalExportSpecification;

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

  @Pattern("^[^\\$]+$")
  @JsonPropertyDescription(
      "Idempotency token. As in DynamoDB, a token is valid for 8 hours after the export that"
          + " first used it completes; reusing it within that time for an export with other"
          + " parameters fails with ExportConflictException. Default: none. DynamoDB: ClientToken.")
  private String clientToken;

  @JsonPropertyDescription(
      "CPU and memory requests and limits of the runner's pod (engine Runner), as a container's"
          + " resources. The runner sizes its threads and buffers from them, and its heap from the"
          + " memory limit. Default: the operator's (chart value runner.resources)."
          + " Not a DynamoDB field.")
  private RunnerResources resources;

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

  public ExportType getExportType() {
    return exportType;
  }

  public void setExportType(ExportType exportType) {
    this.exportType = exportType;
  }

  public String getExportTime() {
    return exportTime;
  }

  public void setExportTime(String exportTime) {
    this.exportTime = exportTime;
  }

  public IncrementalExportSpecification getIncrementalExportSpecification() {
    return incrementalExportSpecification;
  }

  public void setIncrementalExportSpecification(
      IncrementalExportSpecification incrementalExportSpecification) {
    this.incrementalExportSpecification = incrementalExportSpecification;
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

  public String getClientToken() {
    return clientToken;
  }

  public void setClientToken(String clientToken) {
    this.clientToken = clientToken;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportSpec that
        && Objects.equals(tableArn, that.tableArn)
        && Objects.equals(s3Bucket, that.s3Bucket)
        && Objects.equals(s3Prefix, that.s3Prefix)
        && Objects.equals(s3BucketOwner, that.s3BucketOwner)
        && s3SseAlgorithm == that.s3SseAlgorithm
        && Objects.equals(s3SseKmsKeyId, that.s3SseKmsKeyId)
        && exportFormat == that.exportFormat
        && exportType == that.exportType
        && Objects.equals(exportTime, that.exportTime)
        && Objects.equals(incrementalExportSpecification, that.incrementalExportSpecification)
        && engine == that.engine
        && Objects.equals(resources, that.resources)
        && Objects.equals(clientToken, that.clientToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tableArn,
        s3Bucket,
        s3Prefix,
        s3BucketOwner,
        s3SseAlgorithm,
        s3SseKmsKeyId,
        exportFormat,
        exportType,
        exportTime,
        incrementalExportSpecification,
        engine,
        resources,
        clientToken);
  }
}
