package dev.tableexport.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where continuous backups are kept: {@code s3://BUCKET[/PREFIX]}. Each table's backup lives under
 * {@code PREFIX/<table name>/}.
 */
public record StoreLocation(String bucket, String prefix) {

  private static final Pattern FORMAT = Pattern.compile("s3://([a-z0-9A-Z][\\.\\-\\w]*[a-z0-9A-Z])(/.*)?");

  public static Optional<StoreLocation> parse(String text) {
    var match = text == null ? null : FORMAT.matcher(text);
    if (match == null || !match.matches()) {
      return Optional.empty();
    }
    var prefix = match.group(2) == null ? "" : match.group(2).replaceAll("^/+|/+$", "");
    return Optional.of(new StoreLocation(match.group(1), prefix));
  }

  /** The key prefix of one table's backup, ending in a slash. */
  public String tableRoot(String tableName) {
    return (prefix.isEmpty() ? "" : prefix + "/") + tableName + "/";
  }

  /** The key of the {@link BackupStatus} the recorder publishes for a table. */
  public String statusKey(String tableName) {
    return tableRoot(tableName) + "status.json";
  }

  @Override
  public String toString() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
