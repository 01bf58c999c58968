package dev.tableexport.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/** A DynamoDB table ARN: {@code arn:<partition>:dynamodb:<region>:<account>:table/<name>}. */
public record TableArn(String arn, String partition, String region, String accountId, String tableName) {

  private static final Pattern FORMAT =
      Pattern.compile("arn:([a-z][a-z0-9-]*):dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})");

  public static Optional<TableArn> parse(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    var match = FORMAT.matcher(arn);
    if (!match.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new TableArn(arn, match.group(1), match.group(2), match.group(3), match.group(4)));
  }

  /** The table name in {@code arn}, or {@code arn} itself when it is not a table ARN. */
  public static String tableNameOf(String arn) {
    return parse(arn).map(TableArn::tableName).orElse(arn);
  }

  public static String expectedForm() {
    return "arn:aws:dynamodb:<region>:<12-digit account>:table/<table name>";
  }
}
