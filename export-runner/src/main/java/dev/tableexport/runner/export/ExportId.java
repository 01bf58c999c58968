package dev.tableexport.runner.export;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An ExportId as DynamoDB forms it: the start time as 14-digit zero-padded epoch milliseconds, a
 * dash, and 8 random lowercase hex characters ({@code 01768385930622-efd1a093}).
 */
public record ExportId(String value) {

  public static final Pattern FORMAT = Pattern.compile("\\d{14}-[0-9a-f]{8}");

  public static ExportId generate(Instant startTime) {
    var random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    return new ExportId(String.format(Locale.ROOT, "%014d-%s", startTime.toEpochMilli(), random));
  }

  public String exportArn(String tableArn) {
    return tableArn + "/export/" + value;
  }
}
