package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Where a continuous backup keeps its change log and base snapshots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupStore {

  @Required
  @Size(max = 255)
  @Pattern(ExportParameters.S3_BUCKET_PATTERN)
  @JsonPropertyDescription(
      "S3 (or S3-compatible) bucket that holds the change log and base snapshots. Required.")
  private String bucket;

  @Size(max = 1024)
  @JsonPropertyDescription(
      "Key prefix of everything the backup writes in the bucket. Default: none, the bucket's"
          + " root.")
  private String prefix;

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackupStore that
        && Objects.equals(bucket, that.bucket)
        && Objects.equals(prefix, that.prefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, prefix);
  }
}
