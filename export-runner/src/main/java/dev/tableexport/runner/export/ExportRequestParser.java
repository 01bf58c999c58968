package dev.tableexport.runner.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.IncrementalExportSpecification;
import dev.tableexport.contract.S3BucketName;
import dev.tableexport.contract.S3Prefix;
import dev.tableexport.contract.TableArn;
import dev.tableexport.runner.format.ExportFormat;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks an export request against the constraints of DynamoDB's ExportTableToPointInTime API
 * (export-format.md, "API facts") and turns it into an {@link ExportRequest}. Every problem is
 * reported at once, in DynamoDB's words, naming the flag to change.
 */
public final class ExportRequestParser {

  private static final Pattern S3_BUCKET = Pattern.compile("^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$");
  private static final Pattern BUCKET_OWNER = Pattern.compile("[0-9]{12}");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("^[^\\$]+$");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
  private static final List<String> SSE_ALGORITHMS = List.of("AES256", "KMS");
  private static final List<String> VIEW_TYPES =
      List.of(IncrementalExportSpecification.NEW_AND_OLD_IMAGES, IncrementalExportSpecification.NEW_IMAGE);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final List<String> problems = new ArrayList<>();

  private ExportRequestParser() {}

  public static ExportRequest parse(ExportArguments arguments) {
    return new ExportRequestParser().toRequest(arguments);
  }

  private ExportRequest toRequest(ExportArguments a) {
    var tableArn = tableArn(a.tableArn());
    if (a.s3Bucket() == null || a.s3Bucket().length() > 255 || !S3_BUCKET.matcher(a.s3Bucket()).matches()) {
      problems.add(constraint(a.s3Bucket(), "--s3-bucket",
          "Member must have length less than or equal to 255 and satisfy regular expression pattern: "
              + S3_BUCKET.pattern()));
    } else {
      S3BucketName.problem(a.s3Bucket()).ifPresent(rule -> problems.add(constraint(a.s3Bucket(),
          "--s3-bucket", "Member must be a name S3 accepts: " + rule)));
    }
    S3Prefix.problems(a.s3Prefix())
        .forEach(rule -> problems.add(constraint(a.s3Prefix(), "--s3-prefix", rule)));
    if (a.s3BucketOwner() != null && !BUCKET_OWNER.matcher(a.s3BucketOwner()).matches()) {
      problems.add(constraint(a.s3BucketOwner(), "--s3-bucket-owner",
          "Member must be a 12-digit AWS account ID"));
    }
    var sseAlgorithm = oneOf(a.s3SseAlgorithm(), "--s3-sse-algorithm", SSE_ALGORITHMS, null);
    if (a.s3SseKmsKeyId() != null) {
      if (a.s3SseKmsKeyId().isEmpty() || a.s3SseKmsKeyId().length() > 2048) {
        problems.add(constraint(a.s3SseKmsKeyId(), "--s3-sse-kms-key-id",
            "Member must have length between 1 and 2048"));
      } else if (!"KMS".equals(sseAlgorithm)) {
        problems.add("--s3-sse-kms-key-id is only valid with --s3-sse-algorithm KMS");
      }
    }
    var format = oneOf(a.exportFormat(), "--export-format", names(ExportFormat.values()), "DYNAMODB_JSON");
    var type = oneOf(a.exportType(), "--export-type", names(ExportType.values()), "FULL_EXPORT");
    var exportTime = time(a.exportTime(), "--export-time");
    var incremental = incrementalSpecification(a.incrementalExportSpecification());
    if ("FULL_EXPORT".equals(type) && incremental != null) {
      problems.add("--incremental-export-specification is only valid with --export-type INCREMENTAL_EXPORT");
    }
    if ("INCREMENTAL_EXPORT".equals(type)) {
      if (exportTime != null) {
        problems.add("--export-time is only valid with --export-type FULL_EXPORT; an incremental"
            + " export takes ExportFromTime and ExportToTime in --incremental-export-specification");
      }
      if (incremental == null || incremental.exportFromTime() == null) {
        problems.add("--export-type INCREMENTAL_EXPORT needs --incremental-export-specification"
            + " ExportFromTime=<time>[,ExportToTime=<time>][,ExportViewType=NEW_AND_OLD_IMAGES|NEW_IMAGE]");
      }
    }
    if (a.clientToken() != null && !CLIENT_TOKEN.matcher(a.clientToken()).matches()) {
      problems.add(constraint(a.clientToken(), "--client-token",
          "Member must satisfy regular expression pattern: " + CLIENT_TOKEN.pattern()));
    }
    var exportId = exportId(a.exportArn(), a.tableArn());
    if (!problems.isEmpty()) {
      var count = problems.size() == 1 ? "1 validation error" : problems.size() + " validation errors";
      throw new ExportFailure(FailureCodes.VALIDATION,
          count + " detected: " + String.join("; ", problems));
    }
    return new ExportRequest(tableArn, a.s3Bucket(), emptyToNull(a.s3Prefix()), a.s3BucketOwner(),
        sseAlgorithm, a.s3SseKmsKeyId(), ExportFormat.valueOf(format), ExportType.valueOf(type),
        exportTime, incremental, a.clientToken(), exportId);
  }

  private TableArn tableArn(String text) {
    var parsed = TableArn.parse(text);
    if (parsed.isEmpty()) {
      problems.add(constraint(text, "--table-arn",
          "Member must be a DynamoDB table ARN of the form " + TableArn.expectedForm()
              + ", at most 1024 characters"));
    }
    return parsed.orElse(null);
  }

  private ExportId exportId(String exportArn, String tableArn) {
    if (exportArn == null) {
      return null;
    }
    var prefix = tableArn + "/export/";
    var id = exportArn.startsWith(prefix) ? exportArn.substring(prefix.length()) : "";
    if (!ExportId.FORMAT.matcher(id).matches()) {
      problems.add(constraint(exportArn, "--export-arn",
          "Member must be <table ARN>/export/<14-digit epoch milliseconds>-<8 lowercase hex>, for"
              + " this table"));
      return null;
    }
    return new ExportId(id);
  }

  private IncrementalExportSpecification incrementalSpecification(String text) {
    if (text == null) {
      return null;
    }
    var fields = new LinkedHashMap<String, String>();
    if (text.trim().startsWith("{")) {
      try {
        JsonNode json = JSON.readTree(text);
        json.fields().forEachRemaining(field -> fields.put(field.getKey(), text(field.getValue())));
      } catch (JsonProcessingException e) {
        problems.add("--incremental-export-specification is not valid JSON: " + e.getOriginalMessage());
        return null;
      }
    } else {
      for (var pair : text.split(",")) {
        var keyValue = pair.split("=", 2);
        if (keyValue.length != 2) {
          problems.add("--incremental-export-specification takes Key=Value pairs separated by commas;"
              + " '" + pair + "' has no '='");
          return null;
        }
        fields.put(keyValue[0].trim(), keyValue[1].trim());
      }
    }
    return incrementalSpecification(fields);
  }

  private IncrementalExportSpecification incrementalSpecification(Map<String, String> fields) {
    var known = List.of("ExportFromTime", "ExportToTime", "ExportViewType");
    for (var key : fields.keySet()) {
      if (!known.contains(key)) {
        problems.add("--incremental-export-specification has an unknown key '" + key + "'; the keys are " + known);
      }
    }
    var from = time(fields.get("ExportFromTime"), "ExportFromTime");
    var to = time(fields.get("ExportToTime"), "ExportToTime");
    var view = oneOf(fields.get("ExportViewType"), "ExportViewType", VIEW_TYPES,
        IncrementalExportSpecification.NEW_AND_OLD_IMAGES);
    if (from != null && to != null && !from.isBefore(to)) {
      problems.add("ExportFromTime (" + from + ") must be before ExportToTime (" + to + ")");
    }
    return new IncrementalExportSpecification(from, to, view);
  }

  /** RFC 3339 / ISO 8601 with an offset, or epoch seconds, as the AWS CLI takes timestamps. */
  private Instant time(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      if (EPOCH_SECONDS.matcher(text).matches()) {
        var seconds = new BigDecimal(text);
        return Instant.ofEpochSecond(seconds.toBigInteger().longValueExact(),
            seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      problems.add(constraint(text, name,
          "Member must be an ISO 8601 time with a zone, such as 2026-01-14T10:18:50Z, or epoch seconds"));
      return null;
    }
  }

  /** A JSON number as written (epoch seconds), not in a double's exponent form. */
  private static String text(JsonNode value) {
    return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
  }

  private String oneOf(String value, String name, List<String> allowed, String defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (!allowed.contains(value)) {
      problems.add(constraint(value, name, "Member must satisfy enum value set: " + allowed));
      return defaultValue;
    }
    return value;
  }

  private static String constraint(String value, String name, String rule) {
    return "Value '" + value + "' at '" + name + "' failed to satisfy constraint: " + rule;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
