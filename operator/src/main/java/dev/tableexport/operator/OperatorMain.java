package dev.tableexport.operator;

import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.tableexport.TableExportReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The operator process: configuration from the environment, the reconcilers, and JOSDK. */
public final class OperatorMain {

  private OperatorMain() {}

  public static void main(String[] args) {
    var config = OperatorConfig.fromEnvironment(System.getenv());
    var operator = start(config, new KubernetesClientBuilder().build(), dynamoDb(config));
    operator.installShutdownHook(Duration.ofSeconds(30));
  }

  /** Registers the reconcilers with the given clients and starts them. */
  public static Operator start(OperatorConfig config, KubernetesClient kubernetes, DynamoDbClient dynamo) {
    var operator = new Operator(overrider -> overrider
        .withKubernetesClient(kubernetes)
        .withUseSSAToPatchPrimaryResource(config.useServerSideApply())
        .withCloseClientOnStop(false));
    var reconciler = new TableExportReconciler(config,
        new dev.tableexport.operator.tableexport.TableLookup(dynamo), Clock.systemUTC());
    operator.register(reconciler, controller -> {
      if (!config.watchedNamespaces().isEmpty()) {
        controller.settingNamespaces(config.watchedNamespaces());
      }
    });
    operator.start();
    return operator;
  }

  private static DynamoDbClient dynamoDb(OperatorConfig config) {
    var builder = DynamoDbClient.builder();
    if (config.awsRegion() != null) {
      builder.region(software.amazon.awssdk.regions.Region.of(config.awsRegion()));
    }
    if (config.dynamoDbEndpoint() != null) {
      builder.endpointOverride(java.net.URI.create(config.dynamoDbEndpoint()));
    }
    return builder.build();
  }
}
