package dev.tableexport.operator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pod bound to the process kubelet: its containers as processes, and the pod status the
 * kubelet writes (phase, conditions, container states) after every change.
 */
final class PodRun implements ContainerRun.PodContext {

  private final KubernetesClient client;
  private final Pod pod;
  private final ContainerEnvironment environment;
  private final List<ContainerRun> containers = new ArrayList<>();
  private final String startTime = now();
  private volatile boolean stopping;
  /** Set when the kubelet itself stops: the API server may be stopping too, so write nothing. */
  private volatile boolean abandoned;

  PodRun(KubernetesClient client, Pod pod, Images images, Path dir) {
    this.client = client;
    this.pod = pod;
    this.environment = new ContainerEnvironment(client, pod);
    for (var container : pod.getSpec().getContainers()) {
      containers.add(new ContainerRun(container, images, dir, this));
    }
  }

  String uid() {
    return pod.getMetadata().getUid();
  }

  void start() {
    changed();
    containers.forEach(ContainerRun::start);
  }

  /** Stops every container within the grace period, writes the final status. */
  void stop(Duration grace) throws InterruptedException {
    stopping = true;
    for (var container : containers) {
      container.stop(grace);
    }
    changed();
  }

  /** Kills the processes at once and writes no status: the kubelet is going away. */
  void abandon() throws InterruptedException {
    abandoned = true;
    stop(Duration.ZERO);
  }

  @Override
  public String restartPolicy() {
    var policy = pod.getSpec().getRestartPolicy();
    return policy == null ? "Always" : policy;
  }

  @Override
  public Map<String, String> environment(Container container)
      throws ContainerEnvironment.ConfigError {
    return environment.of(container);
  }

  @Override
  public synchronized void changed() {
    if (abandoned) {
      return;
    }
    var statuses = containers.stream().map(ContainerRun::status).toList();
    var phase = phase();
    boolean ready = phase.equals("Running") && statuses.stream().allMatch(s -> s.getReady());
    var status = new PodStatusBuilder()
        .withPhase(phase)
        .withHostIP(KubeletNode.ADDRESS)
        .addNewHostIP(KubeletNode.ADDRESS)
        .withPodIP(KubeletNode.ADDRESS)
        .addNewPodIP(KubeletNode.ADDRESS)
        .withStartTime(startTime)
        .withConditions(condition("PodReadyToStartContainers", true),
            condition("Initialized", true), condition("Ready", ready),
            condition("ContainersReady", ready), condition("PodScheduled", true))
        .withContainerStatuses(statuses)
        .build();
    var patch = client.getKubernetesSerialization().asJson(Map.of("status", status));
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        System.err.println("process kubelet: status of pod " + pod.getMetadata().getName()
            + " not written: " + e.getMessage());
      }
    }
  }

  /** As the kubelet derives it: terminal once no container runs or will run again. */
  private String phase() {
    boolean allTerminated = containers.stream().allMatch(ContainerRun::terminated);
    if (allTerminated) {
      boolean succeeded = containers.stream().allMatch(c -> c.exitCode() == 0);
      boolean restarts = switch (restartPolicy()) {
        case "Always" -> true;
        case "OnFailure" -> !succeeded;
        default -> false;
      };
      if (!restarts || stopping) {
        return succeeded ? "Succeeded" : "Failed";
      }
    }
    return containers.stream().allMatch(ContainerRun::everRan) ? "Running" : "Pending";
  }

  private static PodCondition condition(String type, boolean status) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
        .withLastTransitionTime(now()).build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
