package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperatorDeploymentTest {

  private static final Path OPERATOR_CONFIG = Path.of("..", "operator", "src", "main", "java",
      "dev", "tableexport", "operator", "config", "OperatorConfig.java");

  @Test
  void restrictedPodWithProbesAndAWritableTmp() {
    var manifests = Chart.render("");
    var deployment = manifests.get("Deployment", Chart.NAMESPACE, Chart.RELEASE);
    var pod = deployment.at("/spec/template/spec");
    var container = manifests.operator();

    assertEquals(1, deployment.at("/spec/replicas").asInt());
    assertEquals(Chart.RELEASE, pod.get("serviceAccountName").asText());
    assertEquals("ghcr.io/tableexport/tableexport-operator:" + Chart.appVersion(),
        container.get("image").asText());
    assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
    assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
    assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
    assertEquals("[\"ALL\"]", container.at("/securityContext/capabilities/drop").toString());
    assertEquals("http", container.at("/ports/0/name").asText());
    assertEquals(8080, container.at("/ports/0/containerPort").asInt());
    assertEquals("/healthz", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals("http", container.at("/livenessProbe/httpGet/port").asText());
    assertEquals("/readyz", container.at("/readinessProbe/httpGet/path").asText());
    assertEquals("http", container.at("/readinessProbe/httpGet/port").asText());
    assertEquals("256Mi", container.at("/resources/requests/memory").asText());
    assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
    assertEquals(container.at("/volumeMounts/0/name"), pod.at("/volumes/0/name"));
    assertTrue(pod.at("/volumes/0/emptyDir").isObject());
    assertTrue(container.path("envFrom").isMissingNode());
    assertTrue(deployment.at("/spec/template/metadata/annotations").isMissingNode());
  }

  @Test
  void defaultsReachTheOperatorsEnvironment() {
    assertEquals(Map.ofEntries(
        Map.entry("TABLEEXPORT_RUNNER_IMAGE", "ghcr.io/tableexport/export-runner:" + Chart.appVersion()),
        Map.entry("TABLEEXPORT_RUNNER_SERVICE_ACCOUNT", "tableexport-runner"),
        Map.entry("TABLEEXPORT_MAX_CONCURRENT_EXPORTS", "300"),
        Map.entry("TABLEEXPORT_HISTORY_RETENTION", "P90D"),
        Map.entry("TABLEEXPORT_MIN_INCREMENTAL_WINDOW", "PT15M"),
        Map.entry("TABLEEXPORT_NATIVE_FIRST_LOOK", "PT30S"),
        Map.entry("TABLEEXPORT_NATIVE_LOOK_INTERVAL", "PT1M"),
        Map.entry("TABLEEXPORT_JOB_BACKOFF_LIMIT", "2"),
        Map.entry("TABLEEXPORT_JOB_ACTIVE_DEADLINE", "PT12H"),
        Map.entry("TABLEEXPORT_RUNNER_RESOURCES", "{\"limits\":{\"memory\":\"1Gi\"},"
            + "\"requests\":{\"cpu\":\"500m\",\"memory\":\"512Mi\"}}"),
        Map.entry("TABLEEXPORT_JOB_TTL_AFTER_FINISHED", "P1D"),
        Map.entry("TABLEEXPORT_SHORT_RUN_MAX_ITEMS", "100000"),
        Map.entry("TABLEEXPORT_SHORT_RUN_MAX_BYTES", "67108864"),
        Map.entry("TABLEEXPORT_SERVER_SIDE_APPLY", "true"),
        Map.entry("TABLEEXPORT_HTTP_PORT", "8080"),
        Map.entry("TABLEEXPORT_LEADER_ELECTION_NAMESPACE", Chart.NAMESPACE)), Chart.render("").env());
  }

  @Test
  void everyValueReachesItsVariable() {
    var manifests = Chart.render("""
        image: {repository: registry.example/operator, tag: "1.2.3"}
        watchNamespaces: [a, b]
        maxConcurrentExports: 1000000
        historyRetention: P7D
        minIncrementalWindow: PT1M
        nativeExports: {firstLook: PT45S, lookInterval: PT2M}
        serverSideApply: false
        httpPort: 9090
        runner:
          image: {repository: registry.example/runner, tag: "4.5.6"}
          serviceAccount: {name: exporter}
          jobBackoffLimit: 0
          jobActiveDeadline: PT1H30M
          resources: {requests: {cpu: "2", memory: 4Gi}, limits: {cpu: "4", memory: 8Gi}}
          tuning:
            readTimeout: PT10M
            retryAttempts: 20
            retryTime: PT1H
            scanSegments: 64
            scanThreads: 32
            encoderThreads: 4
            uploadThreads: 3
            maxDataFileMib: 64
          jobTtlAfterFinished: PT6H
          shortRunMaxItems: 0
          shortRunMaxBytes: 1048576
        aws:
          region: ddblocal
          endpoints: {dynamodb: "http://dynamodb:8000", s3: "http://minio:9000"}
          credentials: {existingSecret: store-keys}
        """);

    assertEquals(Map.ofEntries(
        Map.entry("TABLEEXPORT_RUNNER_IMAGE", "registry.example/runner:4.5.6"),
        Map.entry("TABLEEXPORT_RUNNER_SERVICE_ACCOUNT", "exporter"),
        Map.entry("TABLEEXPORT_WATCH_NAMESPACES", "a,b"),
        Map.entry("TABLEEXPORT_MAX_CONCURRENT_EXPORTS", "1000000"),
        Map.entry("TABLEEXPORT_NATIVE_FIRST_LOOK", "PT45S"),
        Map.entry("TABLEEXPORT_NATIVE_LOOK_INTERVAL", "PT2M"),
        Map.entry("TABLEEXPORT_HISTORY_RETENTION", "P7D"),
        Map.entry("TABLEEXPORT_MIN_INCREMENTAL_WINDOW", "PT1M"),
        Map.entry("TABLEEXPORT_JOB_BACKOFF_LIMIT", "0"),
        Map.entry("TABLEEXPORT_JOB_ACTIVE_DEADLINE", "PT1H30M"),
        Map.entry("TABLEEXPORT_RUNNER_RESOURCES", "{\"limits\":{\"cpu\":\"4\",\"memory\":\"8Gi\"},"
            + "\"requests\":{\"cpu\":\"2\",\"memory\":\"4Gi\"}}"),
        Map.entry("TABLEEXPORT_RUNNER_EXPORT_ARGS", "[\"--read-timeout=PT10M\","
            + "\"--retry-time=PT1H\","
            + "\"--encoder-threads=4\",\"--max-data-file-mib=64\",\"--retry-attempts=20\","
            + "\"--scan-segments=64\",\"--scan-threads=32\",\"--upload-threads=3\"]"),
        Map.entry("TABLEEXPORT_JOB_TTL_AFTER_FINISHED", "PT6H"),
        Map.entry("TABLEEXPORT_SHORT_RUN_MAX_ITEMS", "0"),
        Map.entry("TABLEEXPORT_SHORT_RUN_MAX_BYTES", "1048576"),
        Map.entry("TABLEEXPORT_SERVER_SIDE_APPLY", "false"),
        Map.entry("TABLEEXPORT_HTTP_PORT", "9090"),
        Map.entry("TABLEEXPORT_LEADER_ELECTION_NAMESPACE", Chart.NAMESPACE),
        Map.entry("AWS_REGION", "ddblocal"),
        Map.entry("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamodb:8000"),
        Map.entry("AWS_ENDPOINT_URL_S3", "http://minio:9000"),
        Map.entry("TABLEEXPORT_AWS_CREDENTIALS_SECRET", "store-keys")), manifests.env());
    var container = manifests.operator();
    assertEquals("registry.example/operator:1.2.3", container.get("image").asText());
    assertEquals(9090, container.at("/ports/0/containerPort").asInt());
    assertEquals("store-keys", container.at("/envFrom/0/secretRef/name").asText());
  }

  /** A setting the operator reads but no value sets fails here, and so does a misspelt variable. */
  @Test
  void theChartSetsExactlyTheVariablesTheOperatorReads() throws IOException {
    var read = new TreeSet<String>();
    var literal = Pattern.compile("\"((?:TABLEEXPORT|AWS)_[A-Z0-9_]+)\"").matcher(
        Files.readString(OPERATOR_CONFIG));
    while (literal.find()) {
      read.add(literal.group(1));
    }
    var set = new TreeSet<>(Chart.render("""
        watchNamespaces: [a]
        runner: {tuning: {readTimeout: PT10M}}
        aws:
          region: eu-west-1
          endpoints: {dynamodb: "http://dynamodb:8000", s3: "http://minio:9000"}
          credentials: {accessKeyId: AKIAEXAMPLE, secretAccessKey: secret}
        """).env().keySet());

    assertTrue(read.containsAll(List.of("TABLEEXPORT_RUNNER_IMAGE", "AWS_REGION")), read::toString);
    assertEquals(read, set);
  }

  @Test
  void keysGivenToTheChartGoToASecretTheOperatorReads() {
    var manifests = Chart.render("""
        aws:
          credentials: {accessKeyId: AKIAEXAMPLE, secretAccessKey: secret}
        """);
    var secret = Chart.RELEASE + "-aws-credentials";

    assertEquals(secret, manifests.env().get("TABLEEXPORT_AWS_CREDENTIALS_SECRET"));
    assertEquals(secret, manifests.operator().at("/envFrom/0/secretRef/name").asText());
    var annotations = manifests.get("Deployment", Chart.NAMESPACE, Chart.RELEASE)
        .at("/spec/template/metadata/annotations");
    assertTrue(annotations.path("checksum/aws-credentials").asText().matches("[0-9a-f]{64}"));
  }

  @Test
  void thePodTakesTheSchedulingAndMetadataValues() {
    var deployment = Chart.render("""
        imagePullSecrets: [{name: registry}]
        podAnnotations: {example.com/team: data}
        podLabels: {team: data}
        nodeSelector: {kubernetes.io/arch: arm64}
        tolerations: [{key: dedicated, operator: Exists}]
        affinity: {nodeAffinity: {}}
        """).get("Deployment", Chart.NAMESPACE, Chart.RELEASE);
    var template = deployment.at("/spec/template");

    assertEquals("data", template.at("/metadata/annotations/example.com~1team").asText());
    assertEquals("data", template.at("/metadata/labels/team").asText());
    assertEquals(Chart.RELEASE,
        template.at("/metadata/labels/app.kubernetes.io~1instance").asText());
    assertEquals("registry", template.at("/spec/imagePullSecrets/0/name").asText());
    assertEquals("arm64", template.at("/spec/nodeSelector/kubernetes.io~1arch").asText());
    assertEquals("dedicated", template.at("/spec/tolerations/0/key").asText());
    assertTrue(template.at("/spec/affinity/nodeAffinity").isObject());
  }

  @Test
  void withoutLeaderElectionOneReplicaRunsAlone() {
    assertFalse(Chart.render("leaderElection: {enabled: false}").env()
        .containsKey("TABLEEXPORT_LEADER_ELECTION_NAMESPACE"));
    assertEquals(2, Chart.render("replicaCount: 2")
        .get("Deployment", Chart.NAMESPACE, Chart.RELEASE).at("/spec/replicas").asInt());
    var error = assertThrows(IllegalStateException.class,
        () -> Chart.render("{replicaCount: 2, leaderElection: {enabled: false}}"));
    assertTrue(error.getMessage().contains("replicaCount above 1 needs leaderElection.enabled"),
        error.getMessage());
  }

  @Test
  void credentialsComeFromOneSourceOnly() {
    var error = assertThrows(IllegalStateException.class, () -> Chart.render("""
        aws:
          credentials: {existingSecret: keys, accessKeyId: AKIAEXAMPLE, secretAccessKey: secret}
        """));
    assertTrue(error.getMessage().contains("not both"), error.getMessage());
    error = assertThrows(IllegalStateException.class,
        () -> Chart.render("aws: {credentials: {accessKeyId: AKIAEXAMPLE}}"));
    assertTrue(error.getMessage().contains("secretAccessKey is needed"), error.getMessage());
  }
}
