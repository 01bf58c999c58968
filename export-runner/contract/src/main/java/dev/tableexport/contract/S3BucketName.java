package dev.tableexport.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's general-purpose bucket naming rules: 3–63 characters of lowercase letters, digits, dots and
 * hyphens, beginning and ending with a letter or digit, no two adjacent dots, not an IP address.
 * DynamoDB's S3Bucket pattern is looser (capitals, underscores, 255 characters): such names pass
 * the API and then fail in S3, so they are refused up front.
 */
public final class S3BucketName {

  private static final Pattern CHARACTERS = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private S3BucketName() {}

  /** The rule {@code bucket} breaks, if any. */
  public static Optional<String> problem(String bucket) {
    if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
      return Optional.of("a bucket name has 3 to 63 characters");
    }
    if (!CHARACTERS.matcher(bucket).matches()) {
      return Optional.of("a bucket name has only lowercase letters, digits, dots and hyphens, and"
          + " begins and ends with a letter or digit");
    }
    if (bucket.contains("..")) {
      return Optional.of("a bucket name has no two adjacent dots");
    }
    if (IP_ADDRESS.matcher(bucket).matches()) {
      return Optional.of("a bucket name is not an IP address");
    }
    return Optional.empty();
  }
}
