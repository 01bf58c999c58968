package dev.tableexport.operator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's configuration, read once from environment variables (the Helm chart sets them).
 *
 * @param watchedNamespaces empty for every namespace
 * @param historyRetention how long a finished TableExport stays; null keeps it forever (the
 *     variable's value {@code none}), so that GitOps tools never see it gone and create it again
 * @param awsCredentialsSecret a Secret whose keys (AWS_ACCESS_KEY_ID, ...) runner pods get as
 *     environment variables; null to rely on the pods' service account (IRSA, Pod Identity)
 * @param useServerSideApply off only for API servers without it, such as the tests' mock
 * @param leaderElectionNamespace where the leader-election lease lives; null runs without leader
 *     election (one replica)
 * @param httpPort the port of /healthz, /readyz and /metrics; 0 for any free port
 * @param nativeFirstLook how long after starting a native export it is first described: exports
 *     on DynamoDB take minutes
 * @param nativeLookInterval how often a running native export is described after that
 * @param runnerResources the runner container's requests and limits, unless a TableExport gives
 *     its own ({@code spec.resources})
 * @param runnerExportArgs flags added to every export runner's command line (tuning: read
 *     timeout, retries, segments, threads, data file size)
 * @param jobTtlAfterFinished how long a finished export Job and its pods stay (the Job's
 *     ttlSecondsAfterFinished); the TableExport's status keeps the export's history
 * @param shortRunMaxItems an export of a table with fewer items than this (and fewer bytes than
 *     {@code shortRunMaxBytes}, by DescribeTable) runs its JVM with C1 only, which starts faster
 *     but encodes a long export slower; 0 for never
 * @param shortRunMaxBytes the table size in bytes below which an export may run C1 only
 */
public record OperatorConfig(
    String runnerImage,
    String runnerServiceAccount,
    Set<String> watchedNamespaces,
    int maxConcurrentExports,
    Duration historyRetention,
    String awsRegion,
    String dynamoDbEndpoint,
    String s3Endpoint,
    String awsCredentialsSecret,
    int jobBackoffLimit,
    Duration jobActiveDeadline,
    Duration minIncrementalWindow,
    boolean useServerSideApply,
    String leaderElectionNamespace,
    int httpPort,
    Duration nativeFirstLook,
    Duration nativeLookInterval,
    ResourceRequirements runnerResources,
    List<String> runnerExportArgs,
    Duration jobTtlAfterFinished,
    int shortRunMaxItems,
    int shortRunMaxBytes) {

  /** The runner's default requests and limits: what a 16 MiB-file pipeline needs at most. */
  public static final ResourceRequirements DEFAULT_RUNNER_RESOURCES =
      new ResourceRequirementsBuilder()
      .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")))
      .withLimits(Map.of("memory", new Quantity("1Gi")))
      .build();

  static final Duration DEFAULT_JOB_TTL_AFTER_FINISHED = Duration.ofDays(1);
  static final int DEFAULT_SHORT_RUN_MAX_ITEMS = 100_000;
  static final int DEFAULT_SHORT_RUN_MAX_BYTES = 64 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * With the runner's default resources, no extra export flags, the default time a finished Job
   * stays and the default limits of a short run.
   */
  public OperatorConfig(String runnerImage, String runnerServiceAccount,
      Set<String> watchedNamespaces, int maxConcurrentExports, Duration historyRetention,
      String awsRegion, String dynamoDbEndpoint, String s3Endpoint, String awsCredentialsSecret,
      int jobBackoffLimit, Duration jobActiveDeadline, Duration minIncrementalWindow,
      boolean useServerSideApply, String leaderElectionNamespace, int httpPort,
      Duration nativeFirstLook, Duration nativeLookInterval) {
    this(runnerImage, runnerServiceAccount, watchedNamespaces, maxConcurrentExports,
        historyRetention, awsRegion, dynamoDbEndpoint, s3Endpoint, awsCredentialsSecret,
        jobBackoffLimit, jobActiveDeadline, minIncrementalWindow, useServerSideApply,
        leaderElectionNamespace, httpPort, nativeFirstLook, nativeLookInterval,
        DEFAULT_RUNNER_RESOURCES, List.of(), DEFAULT_JOB_TTL_AFTER_FINISHED,
        DEFAULT_SHORT_RUN_MAX_ITEMS, DEFAULT_SHORT_RUN_MAX_BYTES);
  }

  /**
   * Reads the configuration; a blank variable counts as unset, and a malformed one fails with a
   * message naming it.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    var variables = new Variables(env);
    return new OperatorConfig(
        variables.text("TABLEEXPORT_RUNNER_IMAGE", "ghcr.io/tableexport/export-runner:latest"),
        variables.text("TABLEEXPORT_RUNNER_SERVICE_ACCOUNT", "tableexport-runner"),
        Arrays.stream(variables.text("TABLEEXPORT_WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(namespace -> !namespace.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        variables.integer("TABLEEXPORT_MAX_CONCURRENT_EXPORTS", 300),
        "none".equalsIgnoreCase(variables.text("TABLEEXPORT_HISTORY_RETENTION", null))
            ? null
            : variables.duration("TABLEEXPORT_HISTORY_RETENTION", "P90D"),
        variables.text("AWS_REGION", null),
        variables.text("AWS_ENDPOINT_URL_DYNAMODB", null),
        variables.text("AWS_ENDPOINT_URL_S3", null),
        variables.text("TABLEEXPORT_AWS_CREDENTIALS_SECRET", null),
        variables.integer("TABLEEXPORT_JOB_BACKOFF_LIMIT", 2),
        variables.duration("TABLEEXPORT_JOB_ACTIVE_DEADLINE", "PT12H"),
        variables.duration("TABLEEXPORT_MIN_INCREMENTAL_WINDOW", "PT15M"),
        Boolean.parseBoolean(variables.text("TABLEEXPORT_SERVER_SIDE_APPLY", "true")),
        variables.text("TABLEEXPORT_LEADER_ELECTION_NAMESPACE", null),
        variables.integer("TABLEEXPORT_HTTP_PORT", 8080),
        variables.duration("TABLEEXPORT_NATIVE_FIRST_LOOK", "PT30S"),
        variables.duration("TABLEEXPORT_NATIVE_LOOK_INTERVAL", "PT1M"),
        variables.json("TABLEEXPORT_RUNNER_RESOURCES", ResourceRequirements.class,
            DEFAULT_RUNNER_RESOURCES, "a ResourceRequirements such as"
                + " {\"limits\":{\"memory\":\"1Gi\"}}"),
        List.of(variables.json("TABLEEXPORT_RUNNER_EXPORT_ARGS", String[].class, new String[0],
            "a JSON array of runner flags such as [\"--read-timeout=PT5M\"]")),
        variables.duration("TABLEEXPORT_JOB_TTL_AFTER_FINISHED",
            DEFAULT_JOB_TTL_AFTER_FINISHED.toString()),
        variables.integer("TABLEEXPORT_SHORT_RUN_MAX_ITEMS", DEFAULT_SHORT_RUN_MAX_ITEMS),
        variables.integer("TABLEEXPORT_SHORT_RUN_MAX_BYTES", DEFAULT_SHORT_RUN_MAX_BYTES));
  }

  private record Variables(Map<String, String> env) {

    String text(String name, String fallback) {
      var value = env.get(name);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    int integer(String name, int fallback) {
      var value = text(name, null);
      try {
        return value == null ? fallback : Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
      }
    }

    <T> T json(String name, Class<T> type, T fallback, String example) {
      var value = text(name, null);
      try {
        return value == null ? fallback : JSON.readValue(value, type);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            name + " must be " + example + ", not '" + value + "': " + e.getOriginalMessage(), e);
      }
    }

    Duration duration(String name, String fallback) {
      var value = text(name, fallback);
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            name + " must be an ISO 8601 duration such as PT15M or P90D, not '" + value + "'", e);
      }
    }
  }
}
