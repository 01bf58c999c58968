package dev.tableexport.operator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaults() {
    var config = OperatorConfig.fromEnvironment(Map.of());

    assertEquals(
        new OperatorConfig(
            "ghcr.io/tableexport/export-runner:latest",
            "tableexport-runner",
            Set.of(),
            300,
            Duration.ofDays(90),
            null,
            null,
            null,
            null,
            2,
            Duration.ofHours(12),
            Duration.ofMinutes(15),
            true, null, 8080, Duration.ofSeconds(30), Duration.ofMinutes(1),
            OperatorConfig.DEFAULT_RUNNER_RESOURCES, List.of(), Duration.ofDays(1),
            100_000, 64 * 1024 * 1024),
        config);
  }

  @Test
  void everyVariableIsRead() {
    var env =
        Map.ofEntries(
            Map.entry("TABLEEXPORT_RUNNER_IMAGE", "registry.local/export-runner:1.2.3"),
            Map.entry("TABLEEXPORT_RUNNER_SERVICE_ACCOUNT", "exporter"),
            Map.entry("TABLEEXPORT_WATCH_NAMESPACES", " data, ,analytics ,,"),
            Map.entry("TABLEEXPORT_MAX_CONCURRENT_EXPORTS", "25"),
            Map.entry("TABLEEXPORT_HISTORY_RETENTION", "P7D"),
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamodb.local:8000"),
            Map.entry("AWS_ENDPOINT_URL_S3", "http://s3.local:9000"),
            Map.entry("TABLEEXPORT_AWS_CREDENTIALS_SECRET", "aws-credentials"),
            Map.entry("TABLEEXPORT_JOB_BACKOFF_LIMIT", "0"),
            Map.entry("TABLEEXPORT_JOB_ACTIVE_DEADLINE", "PT2H30M"),
            Map.entry("TABLEEXPORT_MIN_INCREMENTAL_WINDOW", "PT1M"),
            Map.entry("TABLEEXPORT_SERVER_SIDE_APPLY", "false"),
            Map.entry("TABLEEXPORT_LEADER_ELECTION_NAMESPACE", "tableexport-system"),
            Map.entry("TABLEEXPORT_HTTP_PORT", "9090"),
            Map.entry("TABLEEXPORT_NATIVE_FIRST_LOOK", "PT45S"),
            Map.entry("TABLEEXPORT_NATIVE_LOOK_INTERVAL", "PT2M"),
            Map.entry("TABLEEXPORT_JOB_TTL_AFTER_FINISHED", "PT6H"),
            Map.entry("TABLEEXPORT_SHORT_RUN_MAX_ITEMS", "0"),
            Map.entry("TABLEEXPORT_SHORT_RUN_MAX_BYTES", "1048576"));

    var config = OperatorConfig.fromEnvironment(env);

    assertEquals(
        new OperatorConfig(
            "registry.local/export-runner:1.2.3",
            "exporter",
            Set.of("data", "analytics"),
            25,
            Duration.ofDays(7),
            "eu-west-1",
            "http://dynamodb.local:8000",
            "http://s3.local:9000",
            "aws-credentials",
            0,
            Duration.ofMinutes(150),
            Duration.ofMinutes(1),
            false, "tableexport-system", 9090, Duration.ofSeconds(45), Duration.ofMinutes(2),
            OperatorConfig.DEFAULT_RUNNER_RESOURCES, List.of(), Duration.ofHours(6),
            0, 1_048_576),
        config);
  }

  @Test
  void runnerResourcesAndExportFlagsAreJson() {
    var config = OperatorConfig.fromEnvironment(Map.of(
        "TABLEEXPORT_RUNNER_RESOURCES",
        "{\"requests\":{\"cpu\":\"2\"},\"limits\":{\"cpu\":\"4\",\"memory\":\"8Gi\"}}",
        "TABLEEXPORT_RUNNER_EXPORT_ARGS", "[\"--read-timeout=PT10M\",\"--retry-attempts=3\"]"));

    assertEquals(Map.of("cpu", new Quantity("2")), config.runnerResources().getRequests());
    assertEquals(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")),
        config.runnerResources().getLimits());
    assertEquals(List.of("--read-timeout=PT10M", "--retry-attempts=3"), config.runnerExportArgs());
  }

  @Test
  void withoutThemTheRunnerGetsItsDefaultResourcesAndNoFlags() {
    var config = OperatorConfig.fromEnvironment(Map.of());

    assertEquals(OperatorConfig.DEFAULT_RUNNER_RESOURCES, config.runnerResources());
    assertEquals(List.of(), config.runnerExportArgs());
  }

  @Test
  void malformedJsonIsNamed() {
    var error = assertThrows(IllegalArgumentException.class, () -> OperatorConfig.fromEnvironment(
        Map.of("TABLEEXPORT_RUNNER_EXPORT_ARGS", "--read-timeout=PT10M")));
    assertTrue(error.getMessage().startsWith("TABLEEXPORT_RUNNER_EXPORT_ARGS must be a JSON array"),
        error.getMessage());
  }

  @Test
  void oneNamespace() {
    var config = OperatorConfig.fromEnvironment(Map.of("TABLEEXPORT_WATCH_NAMESPACES", "data"));

    assertEquals(Set.of("data"), config.watchedNamespaces());
  }

  @Test
  void blankNamespacesMeanEveryNamespace() {
    var config = OperatorConfig.fromEnvironment(Map.of("TABLEEXPORT_WATCH_NAMESPACES", " , "));

    assertEquals(Set.of(), config.watchedNamespaces());
  }

  @Test
  void blankVariablesCountAsUnset() {
    var config = OperatorConfig.fromEnvironment(Map.of(
        "AWS_REGION", "", "AWS_ENDPOINT_URL_S3", "  ", "TABLEEXPORT_MAX_CONCURRENT_EXPORTS", ""));

    assertEquals(OperatorConfig.fromEnvironment(Map.of()), config);
  }

  @Test
  void historyRetentionNoneKeepsFinishedExportsForever() {
    assertNull(OperatorConfig.fromEnvironment(Map.of("TABLEEXPORT_HISTORY_RETENTION", "none"))
        .historyRetention());
  }

  @Test
  void malformedVariablesAreNamed() {
    var number = assertThrows(IllegalArgumentException.class,
        () -> OperatorConfig.fromEnvironment(Map.of("TABLEEXPORT_HTTP_PORT", "eighty")));
    assertEquals("TABLEEXPORT_HTTP_PORT must be a whole number, not 'eighty'", number.getMessage());

    var duration = assertThrows(IllegalArgumentException.class,
        () -> OperatorConfig.fromEnvironment(Map.of("TABLEEXPORT_HISTORY_RETENTION", "90 days")));
    assertEquals("TABLEEXPORT_HISTORY_RETENTION must be an ISO 8601 duration such as PT15M or P90D,"
        + " not '90 days'", duration.getMessage());
  }
}
