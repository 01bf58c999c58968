package dev.tableexport.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's configuration, read once from environment variables (the Helm chart sets them).
 *
 * @param watchedNamespaces empty for every namespace
 * @param awsCredentialsSecret a Secret whose keys (AWS_ACCESS_KEY_ID, ...) runner pods get as
 *     environment variables; null to rely on the pods' service account (IRSA, Pod Identity)
 * @param useServerSideApply off only for API servers without it, such as the tests' mock
 * @param leaderElectionNamespace where the leader-election lease lives; null runs without leader
 *     election (one replica)
 * @param httpPort the port of /healthz, /readyz and /metrics; 0 for any free port
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
    int httpPort) {

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return new OperatorConfig(
        env.getOrDefault("TABLEEXPORT_RUNNER_IMAGE", "ghcr.io/tableexport/export-runner:latest"),
        env.getOrDefault("TABLEEXPORT_RUNNER_SERVICE_ACCOUNT", "tableexport-runner"),
        Arrays.stream(env.getOrDefault("TABLEEXPORT_WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(namespace -> !namespace.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        Integer.parseInt(env.getOrDefault("TABLEEXPORT_MAX_CONCURRENT_EXPORTS", "300")),
        Duration.parse(env.getOrDefault("TABLEEXPORT_HISTORY_RETENTION", "P90D")),
        env.get("AWS_REGION"),
        env.get("AWS_ENDPOINT_URL_DYNAMODB"),
        env.get("AWS_ENDPOINT_URL_S3"),
        env.get("TABLEEXPORT_AWS_CREDENTIALS_SECRET"),
        Integer.parseInt(env.getOrDefault("TABLEEXPORT_JOB_BACKOFF_LIMIT", "2")),
        Duration.parse(env.getOrDefault("TABLEEXPORT_JOB_ACTIVE_DEADLINE", "PT12H")),
        Duration.parse(env.getOrDefault("TABLEEXPORT_MIN_INCREMENTAL_WINDOW", "PT15M")),
        Boolean.parseBoolean(env.getOrDefault("TABLEEXPORT_SERVER_SIDE_APPLY", "true")),
        env.get("TABLEEXPORT_LEADER_ELECTION_NAMESPACE"),
        Integer.parseInt(env.getOrDefault("TABLEEXPORT_HTTP_PORT", "8080")));
  }
}
