package dev.tableexport.runner.compact;

import dev.tableexport.contract.StoreLocation;
import java.util.Optional;

/**
 * Where an export's {@code manifest-summary.json} is: {@code s3://BUCKET/KEY}.
 *
 * @param key ends in {@code manifest-summary.json}
 */
public record ManifestLocation(String bucket, String key) {

  static final String SUMMARY = "manifest-summary.json";

  public static Optional<ManifestLocation> parse(String uri) {
    return StoreLocation.parse(uri)
        .filter(location -> location.prefix().equals(SUMMARY)
            || location.prefix().endsWith("/" + SUMMARY))
        .map(location -> new ManifestLocation(location.bucket(), location.prefix()));
  }

  /** The export's own directory, {@code .../AWSDynamoDB/<ExportId>/}. */
  String exportDirectory() {
    return key.substring(0, key.length() - SUMMARY.length());
  }

  String uri(String objectKey) {
    return "s3://" + bucket + "/" + objectKey;
  }

  @Override
  public String toString() {
    return uri(key);
  }
}
