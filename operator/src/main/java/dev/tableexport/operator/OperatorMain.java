package dev.tableexport.operator;

import dev.tableexport.operator.config.OperatorConfig;
import dev.tableexport.operator.engine.EngineSelector;
import dev.tableexport.operator.engine.NativeEngine;
import dev.tableexport.operator.engine.NativePitr;
import dev.tableexport.operator.engine.RunnerEngine;
import dev.tableexport.operator.engine.TableLookup;
import dev.tableexport.operator.continuousbackup.ContinuousBackupReconciler;
import dev.tableexport.operator.continuousbackup.RecorderDeploymentBuilder;
import dev.tableexport.operator.continuousbackup.StoreStatusReader;
import dev.tableexport.operator.observability.OperatorHealth;
import dev.tableexport.operator.observability.OperatorHttpServer;
import dev.tableexport.operator.observability.OperatorMetrics;
import dev.tableexport.operator.schedule.TableExportScheduleReconciler;
import dev.tableexport.operator.tableexport.TableExportReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The operator process: configuration from the environment, the reconcilers, and JOSDK. */
public final class OperatorMain {

  private OperatorMain() {}

  public static void main(String[] args) throws IOException {
    var config = OperatorConfig.fromEnvironment(System.getenv());
    var metrics = new OperatorMetrics();
    var health = new OperatorHealth(config.leaderElectionNamespace() != null);
    var http = new OperatorHttpServer(config.httpPort(), health, metrics::scrape);
    var operator = start(config, new KubernetesClientBuilder().build(), dynamoDb(config), s3(config),
        metrics, health, true);
    Runtime.getRuntime().addShutdownHook(new Thread(http::close, "http-server-stop"));
    operator.installShutdownHook(Duration.ofSeconds(30));
  }

  /**
   * Registers the reconcilers with the given clients and starts them.
   *
   * @param health the probes' view of this operator
   * @param exitOnStopLeading whether the process exits when it stops leading, as JOSDK does by
   *     default; false for an operator stopped and started again in one JVM (tests)
   */
  public static Operator start(OperatorConfig config, KubernetesClient kubernetes,
      DynamoDbClient dynamo, S3Client s3, OperatorMetrics metrics, OperatorHealth health,
      boolean exitOnStopLeading) {
    return start(config, kubernetes, dynamo, s3, metrics, health, exitOnStopLeading,
        Clock.systemUTC());
  }

  /** As above, with the reconcilers reading time from {@code clock} (a test's, to skip hours). */
  public static Operator start(OperatorConfig config, KubernetesClient kubernetes,
      DynamoDbClient dynamo, S3Client s3, OperatorMetrics metrics, OperatorHealth health,
      boolean exitOnStopLeading, Clock clock) {
    var operator = new Operator(overrider -> {
      overrider
          .withKubernetesClient(kubernetes)
          .withUseSSAToPatchPrimaryResource(config.useServerSideApply())
          .withCloseClientOnStop(false);
      if (config.leaderElectionNamespace() != null) {
        overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
            "tableexport-operator", config.leaderElectionNamespace(),
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, health.leaderCallbacks(),
            exitOnStopLeading));
      }
    });
    var nativePitr = new NativePitr(dynamo);
    var engines = new EngineSelector(
        new NativeEngine(dynamo, config.nativeFirstLook(), config.nativeLookInterval()),
        new RunnerEngine(config), nativePitr);
    var exports =
        new TableExportReconciler(config, new TableLookup(dynamo), engines, metrics, clock);
    var backups = new ContinuousBackupReconciler(new RecorderDeploymentBuilder(config),
        new StoreStatusReader(s3), nativePitr, config.nativeLookInterval(), metrics, clock);
    operator.register(exports, controller -> watchNamespaces(controller, config));
    operator.register(backups, controller -> watchNamespaces(controller, config));
    var schedules = new TableExportScheduleReconciler(
        nativePitr, s3, clock, Duration.ofMinutes(1), config.historyRetention());
    operator.register(schedules, controller -> watchNamespaces(controller, config));
    health.watch(() -> OperatorHealth.Runtime.of(operator.getRuntimeInfo()));
    operator.start();
    return operator;
  }

  private static void watchNamespaces(ControllerConfigurationOverrider<?> controller, OperatorConfig config) {
    if (!config.watchedNamespaces().isEmpty()) {
      controller.settingNamespaces(config.watchedNamespaces());
    }
  }

  private static S3Client s3(OperatorConfig config) {
    var builder = S3Client.builder();
    if (config.awsRegion() != null) {
      builder.region(Region.of(config.awsRegion()));
    }
    if (config.s3Endpoint() != null) {
      builder.endpointOverride(URI.create(config.s3Endpoint())).forcePathStyle(true);
    }
    return builder.build();
  }

  private static DynamoDbClient dynamoDb(OperatorConfig config) {
    var builder = DynamoDbClient.builder();
    if (config.awsRegion() != null) {
      builder.region(Region.of(config.awsRegion()));
    }
    if (config.dynamoDbEndpoint() != null) {
      builder.endpointOverride(URI.create(config.dynamoDbEndpoint()));
    }
    return builder.build();
  }
}
