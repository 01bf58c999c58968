package dev.tableexport.operator.testing;

import static dev.tableexport.operator.testing.Awaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process kubelet under the real kube-controller-manager: Jobs, Deployments and garbage
 * collection behave as on a cluster, in a namespace that enforces the restricted Pod Security
 * Standard.
 */
class ProcessKubeletOnRealServerIT {

  private static KubernetesClient client;
  private static ProcessKubelet kubelet;
  private static String namespace;

  @BeforeAll
  static void start() {
    var controlPlane = ControlPlane.get();
    client = controlPlane.admin();
    kubelet = controlPlane.kubelet();
    namespace = controlPlane.restrictedNamespace("kubelet");
  }

  @Test
  void nodeIsReadyAndHoldsItsLease() throws InterruptedException {
    var node = client.nodes().withName(kubelet.nodeName()).get();

    assertTrue(node.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    var lease = client.leases().inNamespace("kube-node-lease").withName(kubelet.nodeName()).get();
    assertEquals(kubelet.nodeName(), lease.getSpec().getHolderIdentity());
  }

  @Test
  void jobFailsOnceItsBackoffLimitIsSpent() throws InterruptedException {
    var job = job("backoff", "exit 2");
    job.getSpec().setBackoffLimit(1);
    client.resource(job).create();

    var failed = awaitCondition("backoff", "Failed");

    assertEquals("BackoffLimitExceeded", reason(failed, "Failed"));
    assertEquals(2, failed.getStatus().getFailed());
    assertTrue(pods("job-name=backoff").stream().allMatch(pod -> exitCode(pod) == 2));
  }

  @Test
  void podFailurePolicyFailsTheJobOnTheFirstMatchingExitCode() throws InterruptedException {
    var job = job("failure-policy", "exit 3");
    job.getSpec().setBackoffLimit(6);
    job.getSpec().setPodFailurePolicy(new io.fabric8.kubernetes.api.model.batch.v1
        .PodFailurePolicyBuilder().withRules(new PodFailurePolicyRuleBuilder()
            .withAction("FailJob")
            .withNewOnExitCodes().withOperator("In").withValues(3).endOnExitCodes()
            .build()).build());
    client.resource(job).create();

    var failed = awaitCondition("failure-policy", "Failed");

    assertEquals("PodFailurePolicy", reason(failed, "Failed"));
    assertEquals(1, failed.getStatus().getFailed());
  }

  @Test
  void activeDeadlineStopsTheRunningPod() throws InterruptedException {
    var job = job("deadline", "sleep 300");
    job.getSpec().setActiveDeadlineSeconds(3L);
    client.resource(job).create();
    await("the deadline Job's pod to run", () -> pods("job-name=deadline").stream()
        .anyMatch(pod -> "Running".equals(pod.getStatus().getPhase())));

    var failed = awaitCondition("deadline", "Failed");

    assertEquals("DeadlineExceeded", reason(failed, "Failed"));
    await("the deadline Job's pod to be stopped and deleted",
        () -> pods("job-name=deadline").isEmpty());
  }

  @Test
  void succeededJobIsComplete() throws InterruptedException {
    client.resource(job("succeeds", "echo done > /dev/termination-log")).create();

    var complete = awaitCondition("succeeds", "Complete");

    assertEquals(1, complete.getStatus().getSucceeded());
    var terminated = pods("job-name=succeeds").getFirst().getStatus().getContainerStatuses()
        .getFirst().getState().getTerminated();
    assertEquals("done\n", terminated.getMessage());
    assertNotNull(terminated.getStartedAt());
  }

  @Test
  void terminationMessageIsCutAt4KiB() throws InterruptedException {
    client.resource(pod("long-message",
        "head -c 5000 /dev/zero | tr '\\0' x > /dev/termination-log")).create();

    var pod = awaitPhase("long-message", "Succeeded");

    var message = pod.getStatus().getContainerStatuses().getFirst().getState().getTerminated()
        .getMessage();
    assertEquals("x".repeat(4096), message);
  }

  @Test
  void failedContainerWithoutAMessageFallsBackToItsLog() throws InterruptedException {
    var pod = pod("log-fallback", "echo first; echo the last words; exit 4");
    pod.getSpec().getContainers().getFirst().setTerminationMessagePolicy("FallbackToLogsOnError");
    client.resource(pod).create();

    var terminated = awaitPhase("log-fallback", "Failed").getStatus().getContainerStatuses()
        .getFirst().getState().getTerminated();

    assertEquals(4, terminated.getExitCode());
    assertEquals("first\nthe last words", terminated.getMessage());
  }

  @Test
  void secretAndConfigMapKeysBecomeTheEnvironment() throws InterruptedException {
    client.resource(new SecretBuilder().withNewMetadata().withName("credentials")
        .withNamespace(namespace).endMetadata().addToStringData("password", "s3cr3t").build())
        .create();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .withNamespace(namespace).endMetadata().addToData("region", "eu-west-3").build())
        .create();
    var pod = pod("environment", "printf '%s %s %s' \"$PASSWORD\" \"$REGION\" \"$PLAIN\""
        + " > /dev/termination-log; pwd >> /dev/termination-log");
    var container = pod.getSpec().getContainers().getFirst();
    container.setWorkingDir(System.getProperty("java.io.tmpdir"));
    container.setEnv(List.of(
        new EnvVarBuilder().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef()
            .withName("credentials").withKey("password").endSecretKeyRef().endValueFrom().build(),
        new EnvVarBuilder().withName("REGION").withNewValueFrom().withNewConfigMapKeyRef()
            .withName("settings").withKey("region").endConfigMapKeyRef().endValueFrom().build(),
        new EnvVarBuilder().withName("PLAIN").withValue("value").build()));
    client.resource(pod).create();

    var message = awaitPhase("environment", "Succeeded").getStatus().getContainerStatuses()
        .getFirst().getState().getTerminated().getMessage();

    assertEquals("s3cr3t eu-west-3 value" + System.getProperty("java.io.tmpdir") + "\n",
        message);
  }

  @Test
  void missingSecretIsACreateContainerConfigError() throws InterruptedException {
    var pod = pod("no-secret", "true");
    pod.getSpec().getContainers().getFirst().setEnv(List.of(new EnvVarBuilder()
        .withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("absent")
        .withKey("password").endSecretKeyRef().endValueFrom().build()));
    client.resource(pod).create();

    await("the container to wait in CreateContainerConfigError",
        () -> "CreateContainerConfigError".equals(waitingReason(get("no-secret"))));
    assertEquals("Pending", get("no-secret").getStatus().getPhase());
  }

  @Test
  void imageWithoutACommandWaitsInImagePullBackOff() throws InterruptedException {
    var pod = pod("unpullable", "true");
    pod.getSpec().getContainers().getFirst().setImage("registry.invalid/nothing:1");
    client.resource(pod).create();

    await("the container to wait in ImagePullBackOff",
        () -> "ImagePullBackOff".equals(waitingReason(get("unpullable"))));
  }

  @Test
  void deploymentPodIsRestartedAndGoesWithItsDeployment() throws InterruptedException {
    var labels = Map.of("app", "crashing");
    client.resource(new DeploymentBuilder()
        .withNewMetadata().withName("crashing").withNamespace(namespace).endMetadata()
        .withNewSpec()
            .withReplicas(1)
            .withNewSelector().withMatchLabels(labels).endSelector()
            .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(podSpec("sleep 1; exit 1", "Always"))
            .endTemplate()
        .endSpec()
        .build()).create();
    await("the Deployment's pod to be restarted", () -> pods("app=crashing").stream()
        .anyMatch(pod -> restartCount(pod) >= 1));
    var pod = pods("app=crashing").getFirst();
    assertEquals("Running", pod.getStatus().getPhase());
    assertEquals(1, pod.getStatus().getContainerStatuses().getFirst().getLastState()
        .getTerminated().getExitCode());

    client.apps().deployments().inNamespace(namespace).withName("crashing").delete();

    await("the ReplicaSet and the pod to go with the Deployment", () ->
        pods("app=crashing").isEmpty() && client.apps().replicaSets().inNamespace(namespace)
            .withLabel("app", "crashing").list().getItems().isEmpty());
  }

  private static Job job(String name, String script) {
    return new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec()
            .withNewTemplate().withSpec(podSpec(script, "Never")).endTemplate()
        .endSpec()
        .build();
  }

  private static Pod pod(String name, String script) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withSpec(podSpec(script, "Never"))
        .build();
  }

  /** One {@link Images#SHELL} container running {@code script}, as restricted PSA allows. */
  private static PodSpec podSpec(String script, String restartPolicy) {
    return new PodSpecBuilder()
        .withRestartPolicy(restartPolicy)
        .withTerminationGracePeriodSeconds(5L)
        .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
            .withName("main")
            .withImage(Images.SHELL)
            .withArgs(script)
            .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext()
        .endContainer()
        .build();
  }

  private static Job awaitCondition(String job, String type) throws InterruptedException {
    await("Job " + job + " to be " + type, () -> reason(
        client.batch().v1().jobs().inNamespace(namespace).withName(job).get(), type) != null);
    return client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
  }

  private static String reason(Job job, String type) {
    var conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
    return conditions == null ? null : conditions.stream()
        .filter(c -> c.getType().equals(type) && c.getStatus().equals("True"))
        .map(c -> c.getReason()).findFirst().orElse(null);
  }

  private static Pod awaitPhase(String pod, String phase) throws InterruptedException {
    await("pod " + pod + " to be " + phase, () -> {
      var current = get(pod);
      return current.getStatus() != null && phase.equals(current.getStatus().getPhase());
    });
    return get(pod);
  }

  private static Pod get(String pod) {
    return client.pods().inNamespace(namespace).withName(pod).get();
  }

  private static List<Pod> pods(String selector) {
    var parts = selector.split("=");
    return client.pods().inNamespace(namespace).withLabel(parts[0], parts[1]).list().getItems();
  }

  private static int exitCode(Pod pod) {
    return pod.getStatus().getContainerStatuses().getFirst().getState().getTerminated()
        .getExitCode();
  }

  private static int restartCount(Pod pod) {
    var statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    return statuses == null || statuses.isEmpty() ? 0 : statuses.getFirst().getRestartCount();
  }

  private static String waitingReason(Pod pod) {
    var statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    if (statuses == null || statuses.isEmpty() || statuses.getFirst().getState() == null
        || statuses.getFirst().getState().getWaiting() == null) {
      return null;
    }
    return statuses.getFirst().getState().getWaiting().getReason();
  }
}
