package dev.tableexport.operator.runner;

import dev.tableexport.contract.StoreLocation;
import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What runs the export runner, for export Jobs and recorder Deployments alike. Its pod: the
 * runner's own service account, a restricted security context, AWS endpoints and credentials from
 * the operator's configuration, and a writable /tmp for its work.
 */
public final class RunnerPods {

  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  /** Waiting reasons of a container that will not start without someone changing something. */
  public static final Set<String> CANNOT_START =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError",
          "CreateContainerError");

  private RunnerPods() {}

  public static PodSpec podSpec(OperatorConfig config, String containerName, List<String> args, String restartPolicy) {
    return podSpec(config, containerName, args, restartPolicy, config.runnerResources());
  }

  /** @param resources the container's requests and limits */
  public static PodSpec podSpec(OperatorConfig config, String containerName, List<String> args,
      String restartPolicy, ResourceRequirements resources) {
    return new PodSpecBuilder()
        .withRestartPolicy(restartPolicy)
        .withServiceAccountName(config.runnerServiceAccount())
        .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
            .withName(containerName)
            .withImage(config.runnerImage())
            .withArgs(args)
            .withEnv(environment(config))
            .withEnvFrom(credentials(config))
            .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
            .withTerminationMessagePolicy("FallbackToLogsOnError")
            .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
            .endSecurityContext()
            .withResources(resources)
            .addNewVolumeMount().withName("work").withMountPath("/tmp").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("work").withNewEmptyDir().endEmptyDir().endVolume()
        .build();
  }

  /**
   * The first of these pods with a container waiting for one of {@code reasons}, as "pod NAME
   * cannot start: REASON (message)".
   */
  public static Optional<String> stuck(List<Pod> pods, Set<String> reasons) {
    for (var pod : pods) {
      var statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
      for (var status : statuses == null ? List.<ContainerStatus>of() : statuses) {
        var waiting = status.getState() == null ? null : status.getState().getWaiting();
        if (waiting != null && reasons.contains(waiting.getReason())) {
          return Optional.of("pod " + pod.getMetadata().getName() + " cannot start: " + waiting.getReason()
              + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")"));
        }
      }
    }
    return Optional.empty();
  }

  /** Where a ContinuousBackup keeps its backup, as the runner's {@code --store} takes it. */
  public static StoreLocation storeLocation(BackupStore store) {
    return new StoreLocation(store.getBucket(), store.getPrefix() == null ? "" : store.getPrefix());
  }

  /** Metadata of an object the operator owns through {@code owner}: deleted with it. */
  public static ObjectMeta ownedBy(HasMetadata owner, String name, Map<String, String> labels) {
    var metadata = owner.getMetadata();
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(metadata.getNamespace())
        .withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind())
            .withName(metadata.getName())
            .withUid(metadata.getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build())
        .build();
  }

  private static List<EnvVar> environment(OperatorConfig config) {
    var env = new ArrayList<EnvVar>();
    add(env, "AWS_REGION", config.awsRegion());
    add(env, "AWS_ENDPOINT_URL_DYNAMODB", config.dynamoDbEndpoint());
    add(env, "AWS_ENDPOINT_URL_S3", config.s3Endpoint());
    return env;
  }

  private static List<EnvFromSource> credentials(OperatorConfig config) {
    if (config.awsCredentialsSecret() == null) {
      return List.of();
    }
    return List.of(new EnvFromSourceBuilder()
        .withNewSecretRef().withName(config.awsCredentialsSecret()).endSecretRef().build());
  }

  private static void add(List<EnvVar> env, String name, String value) {
    if (value != null) {
      env.add(new EnvVar(name, value, null));
    }
  }
}
