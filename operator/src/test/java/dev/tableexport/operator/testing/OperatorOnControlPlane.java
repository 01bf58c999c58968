package dev.tableexport.operator.testing;

import dev.tableexport.operator.OperatorMain;
import dev.tableexport.operator.observability.OperatorHealth;
import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.observability.OperatorMetrics;
import dev.tableexport.runner.local.LocalDynamoDb;
import dev.tableexport.runner.local.LocalEnvironment;
import dev.tableexport.runner.local.LocalS3;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The operator as the chart installs it, run in this JVM against the control plane: the CRDs of
 * crds/, the ServiceAccounts, Secrets and RBAC the chart renders (watching only the given
 * namespaces, so a Role in each), the configuration from the chart's Deployment, server-side
 * apply on, leader election on, and every API call made as the chart's ServiceAccount, so a verb
 * the chart forgets fails the test. Its log must show no 403, 409, 422 or stack trace.
 */
public final class OperatorOnControlPlane implements AutoCloseable {

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final DynamoDbClient dynamo;
  private final S3Client s3;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final int logMark;
  private Operator operator;

  private OperatorOnControlPlane(KubernetesClient client, OperatorConfig config,
      DynamoDbClient dynamo, S3Client s3, int logMark) {
    this.client = client;
    this.config = config;
    this.dynamo = dynamo;
    this.s3 = s3;
    this.logMark = logMark;
  }

  /**
   * Installs the chart with {@code values} ({@code --set} keys, such as {@code
   * historyRetention}) and the runner image the process kubelet knows, watching {@code
   * namespaces} (which must exist), and starts the operator with these AWS clients.
   */
  public static OperatorOnControlPlane start(ControlPlane controlPlane, List<String> namespaces,
      Map<String, String> values, DynamoDbClient dynamo, S3Client s3) throws IOException {
    OperatorLog.install();
    int mark = OperatorLog.mark();
    var admin = controlPlane.admin();
    Crds.apply(admin);
    var releaseNamespace = controlPlane.restrictedNamespace("tableexport-system");
    var all = new LinkedHashMap<String, String>();
    var image = Images.RUNNER.split(":");
    all.put("runner.image.repository", image[0]);
    all.put("runner.image.tag", image[1]);
    for (int i = 0; i < namespaces.size(); i++) {
      all.put("watchNamespaces[" + i + "]", namespaces.get(i));
    }
    all.putAll(values);
    var release = ChartRelease.render(admin, releaseNamespace, all);
    release.applyAccessObjects(admin);
    var env = new LinkedHashMap<>(release.operatorEnvironment());
    env.put("TABLEEXPORT_HTTP_PORT", "0");
    var config = OperatorConfig.fromEnvironment(env);
    var account = release.serviceAccount();
    var client = controlPlane.clientAs("system:serviceaccount:" + releaseNamespace + ":" + account,
        "system:serviceaccounts", "system:serviceaccounts:" + releaseNamespace,
        "system:authenticated");
    var started = new OperatorOnControlPlane(client, config, dynamo, s3, mark);
    started.operator = OperatorMain.start(config, client, dynamo, s3, started.metrics,
        new OperatorHealth(true), false);
    return started;
  }

  /**
   * Chart values for DynamoDB Local and S3Proxy (region, endpoints, the S3 keys as the chart's
   * credentials Secret), then {@code values}.
   */
  public static Map<String, String> localValues(LocalEnvironment local,
      Map<String, String> values) {
    var settings = local.settings();
    var all = new LinkedHashMap<String, String>();
    all.put("aws.region", LocalDynamoDb.REGION);
    all.put("aws.endpoints.dynamodb", settings.dynamoDbEndpoint().toString());
    all.put("aws.endpoints.s3", settings.s3Endpoint().toString());
    all.put("aws.credentials.accessKeyId", LocalS3.ACCESS_KEY_ID);
    all.put("aws.credentials.secretAccessKey", LocalS3.SECRET_ACCESS_KEY);
    all.putAll(values);
    return all;
  }

  public OperatorConfig config() {
    return config;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public Operator operator() {
    return operator;
  }

  /** Stops the operator and starts a new one with the same configuration, as a pod restart. */
  public void restart() {
    operator.stop();
    operator = OperatorMain.start(config, client, dynamo, s3, metrics, new OperatorHealth(true),
        false);
  }

  /** Stops the operator; fails when its log showed a problem since it started. */
  @Override
  public void close() {
    operator.stop();
    client.close();
    var problems = OperatorLog.problemsSince(logMark);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the operator's log shows problems:\n" + String.join("\n", problems));
    }
  }
}
