package dev.tableexport.operator.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every custom resource in examples/ (its top-level YAML files; argocd/ and terraform/ hold other
 * tools' files) is one the API server accepts: valid against its generated CRD, CEL rules
 * included (ExamplesOnRealServerIT applies each to the real API server).
 */
class ExamplesTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  static List<Path> examples(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(file -> Files.isRegularFile(file) && file.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  static List<Path> examples() throws IOException {
    return examples(EXAMPLES);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void saysWhatItDoesAndWhatToChange(Path example) throws IOException {
    var text = Files.readString(example);
    assertTrue(text.startsWith("# "), example + " starts with a comment on what it does");
    assertTrue(text.contains("\n# Change: "), example + " says what to change");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void isValidAgainstItsCrd(Path example) throws IOException {
    var violations = SchemaValidator.validate(Files.readString(example));
    assertEquals(List.of(), violations, example.toString());
  }

  /** A copy of an example broken in one way, what to replace in it, and what the refusal says. */
  static Stream<Arguments> brokenCopies() {
    return Stream.of(
        Arguments.of("full-export.yaml", "  s3Bucket:", "  exportFormat: CSV\n  s3Bucket:",
            "spec.exportFormat: Unsupported value: \"CSV\": supported values: \"DYNAMODB_JSON\","
                + " \"ION\""),
        Arguments.of(
            "full-export.yaml", "  s3Bucket:", "  s3bucket:", "spec.s3bucket: unknown field"),
        Arguments.of(
            "full-export.yaml", "  s3Bucket:", "  s3bucket:", "spec.s3Bucket: Required value"),
        Arguments.of("full-export-at-time-ion-kms.yaml", "  s3SseAlgorithm: KMS\n", "",
            "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS"),
        Arguments.of("full-export-at-time-ion-kms.yaml", "\"2026-01-14T09:00:00Z\"", "yesterday",
            "spec.exportTime: Invalid value: \"yesterday\": must be an RFC 3339 date-time"),
        Arguments.of("incremental-export-new-image.yaml", "exportToTime: \"2026-01-14T10:00:00Z\"",
            "exportToTime: \"2026-01-14T08:00:00Z\"", "exportFromTime must be before exportToTime"),
        Arguments.of(
            "continuous-backup.yaml", "recoveryPeriodInDays: 35", "recoveryPeriodInDays: 36",
            "spec.recoveryPeriodInDays: Invalid value: 36: should be less than or equal to 35"),
        Arguments.of("continuous-backup.yaml", "table/orders", "orders",
            "spec.tableArn: Invalid value: \"arn:aws:dynamodb:us-east-1:123456789012:orders\""),
        Arguments.of("client-token.yaml", "name: orders-nightly", "name: Orders_Nightly",
            "metadata.name: Invalid value: \"Orders_Nightly-2026-01-14\""),
        Arguments.of("client-token.yaml", "kind: TableExport", "kind: TableImport",
            "apiVersion tableexport.dev/v1alpha1 kind TableImport: no such resource in the CRDs"),
        Arguments.of("schedule-incremental-chain.yaml", "  rebaseOnGap: true\n",
            "  rebaseOnGap: true\n  concurrencyPolicy: Allow\n",
            "concurrencyPolicy Allow is only valid with exportType FULL_EXPORT"),
        Arguments.of("schedule-daily-full.yaml", "successfulExports: 7", "successfulExports: 0",
            "spec.retention.successfulExports: Invalid value: 0"),
        Arguments.of("split-export.yaml", "      cpu: \"1\"", "      cpu: [1]",
            "spec.resources.requests.cpu: Invalid value: [1]: must be an integer or a string"),
        Arguments.of("split-export.yaml", "  parallelism: 4", "  parallelism: 65",
            "spec.parallelism: Invalid value: 65: should be less than or equal to 64"));
  }

  @ParameterizedTest
  @MethodSource
  void brokenCopies(
      String example, String target, String replacement, String refusal, @TempDir Path dir)
      throws IOException {
    var original = Files.readString(EXAMPLES.resolve(example));
    var broken = original.replace(target, replacement);
    assertNotEquals(original, broken, "the mutation applies to " + example);
    Files.writeString(dir.resolve("broken-" + example), broken);

    var found = examples(dir);

    assertEquals(List.of(dir.resolve("broken-" + example)), found, "a new file is an example");
    var violations = SchemaValidator.validate(Files.readString(found.getFirst()));
    assertTrue(
        violations.stream().anyMatch(violation -> violation.startsWith(refusal)),
        violations.toString());
  }
}
