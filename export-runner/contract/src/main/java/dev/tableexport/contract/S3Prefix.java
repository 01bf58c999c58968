package dev.tableexport.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key prefix of an export: how it joins the keys under it, and which prefixes give keys S3 or
 * the export's readers cannot take.
 *
 * <p>S3 takes any UTF-8 key up to 1,024 bytes, so only the length is S3's own limit. A leading
 * {@code /} or a {@code //} is legal in S3, but makes an empty path segment, which readers that
 * treat keys as paths (Hadoop's S3A under Athena, Glue and Spark; {@code aws s3 sync}) drop, so
 * they would read other keys: such a prefix is refused too. A {@code ..} segment is legal and
 * readers resolve it, so it is only worth a warning.
 */
public final class S3Prefix {

  /**
   * The longest key an export writes below the prefix: a full export's data file, {@code
   * AWSDynamoDB/<14-digit millis>-<8 hex>/data/<26 base32>.json.gz}. The runner's layout test
   * keeps it true.
   */
  public static final String LONGEST_RELATIVE_KEY =
      "AWSDynamoDB/01768385930622-efd1a093/data/k3v5q2x7mbd4ahqye6zjw5lq4a.json.gz";

  private S3Prefix() {}

  /** What keys begin with: nothing without a prefix, else the prefix ending in one {@code /}. */
  public static String root(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /** Bytes of the longest key an export under {@code prefix} writes. */
  public static int longestKeyBytes(String prefix) {
    return (root(prefix) + LONGEST_RELATIVE_KEY).getBytes(StandardCharsets.UTF_8).length;
  }

  /** The rules {@code prefix} breaks, in DynamoDB's "Member must ..." words; empty when none. */
  public static List<String> problems(String prefix) {
    var problems = new ArrayList<String>();
    if (prefix == null || prefix.isEmpty()) {
      return problems;
    }
    if (prefix.length() > ApiLimits.MAX_S3_PREFIX_LENGTH) {
      problems.add("Member must have length less than or equal to " + ApiLimits.MAX_S3_PREFIX_LENGTH);
      return problems;
    }
    var root = root(prefix);
    if (root.startsWith("/") || root.contains("//")) {
      problems.add("Member must not begin with '/' nor hold '//': S3 accepts it, but it makes an"
          + " empty path segment, which readers that treat keys as paths drop");
    }
    int longest = longestKeyBytes(prefix);
    if (longest > ApiLimits.MAX_S3_KEY_BYTES) {
      problems.add("Member must leave room for the export's keys within S3's "
          + ApiLimits.MAX_S3_KEY_BYTES + " bytes: its longest would have " + longest
          + " bytes of UTF-8; shorten it by " + (longest - ApiLimits.MAX_S3_KEY_BYTES));
    }
    return problems;
  }

  /** Whether a segment of {@code prefix} is {@code ..}, which readers resolve as a path would. */
  public static boolean hasParentSegment(String prefix) {
    return prefix != null && Arrays.asList(prefix.split("/")).contains("..");
  }
}
