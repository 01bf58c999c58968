package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The TableExport spec of a schedule's runs, without the times and client token it sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.s3SseKmsKeyId) || (has(self.s3SseAlgorithm) && self.s3SseAlgorithm == 'KMS')",
    message = "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS")
public class TableExportTemplate {

  @Required
  @Size(min = 1, max = 1024)
  @Pattern(TableExportSpec.TABLE_ARN_PATTERN)
  @JsonPropertyDescription("The table to export: TableExport's spec.tableArn. Required. Immutable.")
  private String tableArn;

  @Required
  @Size(max = 255)
  @Pattern(TableExportSpec.S3_BUCKET_PATTERN)
  @JsonPropertyDescription("TableExport's spec.s3Bucket. Required.")
  private String s3Bucket;

  @Size(max = 1024)
  @JsonPropertyDescription("TableExport's spec.s3Prefix. Default: none.")
  private String s3Prefix;

  @Pattern("^[0-9]{12}$")
  @JsonPropertyDescription("TableExport's spec.s3BucketOwner. Default: not checked.")
  private String s3BucketOwner;

  @JsonPropertyDescription("TableExport's spec.s3SseAlgorithm, AES256 or KMS. Default: none.")
  private S3SseAlgorithm s3SseAlgorithm;

  @Size(min = 1, max = 2048)
  @JsonPropertyDescription("TableExport's spec.s3SseKmsKeyId; only valid with s3SseAlgorithm KMS.")
  private String s3SseKmsKeyId;

  @Default("DYNAMODB_JSON")
  @JsonPropertyDescription(
      "TableExport's spec.exportFormat, DYNAMODB_JSON or ION. Default: DYNAMODB_JSON.")
  private ExportFormat exportFormat;

  @JsonPropertyDescription(
      "TableExport's spec.incrementalExportSpecification.exportViewType of every link,"
          + " NEW_AND_OLD_IMAGES or NEW_IMAGE; only valid with exportType INCREMENTAL_EXPORT."
          + " Default: NEW_AND_OLD_IMAGES.")
  private ExportViewType exportViewType;

  @Default("Auto")
  @JsonPropertyDescription("TableExport's spec.engine: Auto, Native or Runner. Default: Auto.")
  private Engine engine;

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

  public ExportViewType getExportViewType() {
    return exportViewType;
  }

  public void setExportViewType(ExportViewType exportViewType) {
    this.exportViewType = exportViewType;
  }

  public Engine getEngine() {
    return engine;
  }

  public void setEngine(Engine engine) {
    this.engine = engine;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableExportTemplate that
        && Objects.equals(tableArn, that.tableArn)
        && Objects.equals(s3Bucket, that.s3Bucket)
        && Objects.equals(s3Prefix, that.s3Prefix)
        && Objects.equals(s3BucketOwner, that.s3BucketOwner)
        && s3SseAlgorithm == that.s3SseAlgorithm
        && Objects.equals(s3SseKmsKeyId, that.s3SseKmsKeyId)
        && exportFormat == that.exportFormat
        && exportViewType == that.exportViewType
        && engine == that.engine;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tableArn, s3Bucket, s3Prefix, s3BucketOwner, s3SseAlgorithm,
        s3SseKmsKeyId, exportFormat, exportViewType, engine);
  }
}
