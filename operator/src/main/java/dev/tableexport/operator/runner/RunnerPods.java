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
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /** On every Job, Deployment and pod the operator creates: its informers select by it. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "tableexport-operator";
  public static final String MANAGED_BY_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;
  /** On a runner pod: the object it runs for, whole (a label value may hold only 63 characters). */
  public static final String OWNER_NAME = "tableexport.dev/owner-name";
  public static final String OWNER_NAMESPACE = "tableexport.dev/owner-namespace";

  /** Waiting reasons of a container that will not start without someone changing something. */
  public static final Set<String> CANNOT_START =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError",
          "CreateContainerError");

  /** How much of the owner's name a child's name keeps: with its suffix it fits in 63. */
  private static final int NAME_PART = 45;

  private RunnerPods() {}

  /**
   * The name of what the operator runs for {@code owner}: the start of its name, its kind (such as
   * {@code export}) and the start of its uid, so that two owners whose names share a start never
   * share a child, and at most 63 characters: a Job's name becomes its pods' job-name label. A cut
   * after a dot or dash would leave ".-export", which is not a valid name.
   */
  public static String childName(HasMetadata owner, String kind) {
    var name = owner.getMetadata().getName().toLowerCase(Locale.ROOT);
    var base = name.length() > NAME_PART ? name.substring(0, NAME_PART).replaceAll("[.-]+$", "") : name;
    return base + "-" + kind + "-" + owner.getMetadata().getUid().substring(0, 8);
  }

  /** An object's name as a label value: at most 63 characters, ending alphanumeric. */
  public static String labelValue(String name) {
    return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("[.-]+$", "");
  }

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

  /** A pod template's annotations naming the object its pods run for. */
  public static Map<String, String> ownerAnnotations(HasMetadata owner) {
    return Map.of(OWNER_NAME, owner.getMetadata().getName(),
        OWNER_NAMESPACE, owner.getMetadata().getNamespace());
  }

  /**
   * The informer of the operator's pods of one kind ({@code app}, the app.kubernetes.io/name
   * label), each mapped to the object it runs for: no other pod of the cluster is cached.
   */
  public static <P extends HasMetadata> InformerEventSource<Pod, P> eventSource(
      String app, Class<P> owner, EventSourceContext<P> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, owner)
        .withLabelSelector("app.kubernetes.io/name=" + app + "," + MANAGED_BY_SELECTOR)
        .withSecondaryToPrimaryMapper(
            Mappers.fromAnnotation(OWNER_NAME, OWNER_NAMESPACE, null, owner))
        .build(), context);
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
