package dev.tableexport.operator.testing;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's Node: registered Ready, kept alive by a Lease in kube-node-lease renewed every
 * 10 s and a status heartbeat, so that the node lifecycle controller never marks it NotReady or
 * evicts its pods.
 */
final class KubeletNode implements AutoCloseable {

  static final String ADDRESS = "127.0.0.1";
  private static final int LEASE_SECONDS = 40;
  private static final long RENEW_SECONDS = 10;

  private final KubernetesClient client;
  private final String name;
  private final String registered =
      java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("kubelet-heartbeat")
          .daemon().factory());

  KubeletNode(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  String name() {
    return name;
  }

  void register() {
    var capacity = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"),
        "pods", new Quantity("110"), "ephemeral-storage", new Quantity("100Gi"));
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata()
            .withName(name)
            .addToLabels("kubernetes.io/hostname", name)
            .addToLabels("kubernetes.io/os", "linux")
            .addToLabels("type", "process-kubelet")
        .endMetadata()
        .build()).serverSideApply();
    var node = client.nodes().withName(name).get();
    node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withConditions(conditions())
        .addNewAddress().withType("InternalIP").withAddress(ADDRESS).endAddress()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .withNewNodeInfo()
            .withOperatingSystem("linux").withArchitecture(System.getProperty("os.arch"))
            .withKubeletVersion("process-kubelet").withContainerRuntimeVersion("process://")
            .withKernelVersion(System.getProperty("os.version")).withOsImage("local processes")
            .withMachineID("").withSystemUUID("").withBootID("").withKubeProxyVersion("")
        .endNodeInfo()
        .build());
    client.nodes().resource(node).updateStatus();
    renewLease();
    heartbeat.scheduleWithFixedDelay(this::beat, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
  }

  private void beat() {
    try {
      renewLease();
      var patch = Map.of("status", Map.of("conditions", conditions()));
      client.nodes().withName(name).subresource("status").patch(
          PatchContext.of(PatchType.STRATEGIC_MERGE),
          client.getKubernetesSerialization().asJson(patch));
    } catch (RuntimeException e) {
      // The next beat tries again; a stopped API server ends the test anyway.
      System.err.println("process kubelet: heartbeat of node " + name + " failed: " + e);
    }
  }

  private void renewLease() {
    var now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    var node = client.nodes().withName(name).get();
    Lease lease = new LeaseBuilder()
        .withNewMetadata()
            .withName(name)
            .withNamespace("kube-node-lease")
            .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(name)
                .withUid(node.getMetadata().getUid()).endOwnerReference()
        .endMetadata()
        .withNewSpec()
            .withHolderIdentity(name)
            .withLeaseDurationSeconds(LEASE_SECONDS)
            .withRenewTime(now)
        .endSpec()
        .build();
    client.leases().inNamespace("kube-node-lease").resource(lease)
        .fieldManager("process-kubelet").forceConflicts().serverSideApply();
  }

  private List<NodeCondition> conditions() {
    return List.of(
        condition("Ready", "True", "KubeletReady", "process kubelet is posting ready status"),
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", ""),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", ""),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", ""));
  }

  private NodeCondition condition(String type, String status, String reason, String message) {
    var now = java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastHeartbeatTime(now).withLastTransitionTime(registered)
        .build();
  }

  /** Stops the heartbeat and removes the Node (its Lease goes with it, by owner reference). */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    client.nodes().withName(name).delete();
  }
}
