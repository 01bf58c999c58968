package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The exports a compaction reads: a full export, then the incremental exports that continue it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompactionOf {

  /** At most what a compaction Job's command line takes comfortably. */
  public static final int MAX_MANIFESTS = 1000;

  @Required
  @Size(min = 1, max = MAX_MANIFESTS)
  @JsonPropertyDescription(
      "The manifest-summary.json of each export the compaction reads, as s3://BUCKET/KEY URIs:"
          + " first a full export, then the incremental exports that continue it, oldest first,"
          + " each starting where the one before ended. Only S3 is read, never the table, so the"
          + " TableExports that wrote them need not exist any more. Required.")
  private List<String> manifests = new ArrayList<>();

  public List<String> getManifests() {
    return manifests;
  }

  public void setManifests(List<String> manifests) {
    this.manifests = manifests;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactionOf that && Objects.equals(manifests, that.manifests);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(manifests);
  }
}
