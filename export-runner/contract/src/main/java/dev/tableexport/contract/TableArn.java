package dev.tableexport.contract;

import java.util.ArrayList;
import java.util.Optional;
import java.util.regex.Pattern;

/** A DynamoDB table ARN: {@code arn:<partition>:dynamodb:<region>:<account>:table/<name>}. */
public record TableArn(String arn, String partition, String region, String accountId, String tableName) {

  /**
   * What stores without real ARNs put in theirs: DynamoDB Local's region, and the account of
   * DynamoDB Local and LocalStack. Such a part says nothing about the table.
   */
  private static final String PLACEHOLDER_REGION = "ddblocal";

  private static final String PLACEHOLDER_ACCOUNT = "000000000000";

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

  /**
   * Where this ARN contradicts {@code reported}, the table's own ARN as DescribeTable reports it:
   * its region, its account, each compared only when {@code reported} has a real one (not a
   * placeholder of DynamoDB Local or LocalStack).
   */
  public Optional<String> contradiction(TableArn reported) {
    var parts = new ArrayList<String>();
    if (!PLACEHOLDER_REGION.equals(reported.region()) && !region.equals(reported.region())) {
      parts.add("region " + region + " is not the table's " + reported.region());
    }
    if (!PLACEHOLDER_ACCOUNT.equals(reported.accountId()) && !accountId.equals(reported.accountId())) {
      parts.add("account " + accountId + " is not the table's " + reported.accountId());
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
  }

  /** The table name in {@code arn}, or {@code arn} itself when it is not a table ARN. */
  public static String tableNameOf(String arn) {
    return parse(arn).map(TableArn::tableName).orElse(arn);
  }

  public static String expectedForm() {
    return "arn:aws:dynamodb:<region>:<12-digit account>:table/<table name>";
  }
}
