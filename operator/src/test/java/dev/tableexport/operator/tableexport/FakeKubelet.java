package dev.tableexport.operator.tableexport;

import dev.tableexport.operator.runner.RunnerPods;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the kubelet for the mock API server, where no pod ever runs: for each export Job that
 * appears, it runs the real runner jar with the Job's own arguments and environment, then writes
 * the pod with the runner's termination message and the Job's outcome. The Job of an export named
 * {@value #CANNOT_PULL} gets a pod stuck in ImagePullBackOff instead.
 */
final class FakeKubelet implements AutoCloseable {

  static final String CANNOT_PULL = "cannot-pull";

  private static final Path RUNNER_JAR = Path.of("..", "export-runner", "target", "export-runner.jar");

  private final KubernetesClient client;
  private final Map<String, String> credentials;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pods = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;

  /** @param credentials what the credentials Secret would hand the pod */
  FakeKubelet(KubernetesClient client, Map<String, String> credentials) {
    this.client = client;
    this.credentials = credentials;
    this.thread = Thread.ofPlatform().name("fake-kubelet").daemon().start(this::loop);
  }

  int jobsRun() {
    return started.size();
  }

  private void loop() {
    while (running) {
      for (var job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
        if (started.add(job.getMetadata().getUid())) {
          run(job);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A pod whose only container waits in ImagePullBackOff, as the kubelet reports it. */
  static Pod unpullablePod(String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewStatus()
            .withPhase("Pending")
            .withContainerStatuses(new ContainerStatusBuilder()
                .withName("export-runner")
                .withState(new ContainerStateBuilder().withNewWaiting()
                    .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().build())
                .build())
        .endStatus()
        .build();
  }

  private void run(Job job) {
    if (CANNOT_PULL.equals(job.getMetadata().getLabels().get("tableexport.dev/export"))) {
      client.pods().inNamespace(job.getMetadata().getNamespace()).resource(unpullablePod(
          job.getMetadata().getName() + "-" + pods.incrementAndGet(),
          Map.of("job-name", job.getMetadata().getName()))).create();
      return;
    }
    try {
      var container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
      var result = Files.createTempFile("termination-log", ".json");
      var args = new ArrayList<String>();
      for (var arg : container.getArgs()) {
        args.add(arg.equals(RunnerPods.TERMINATION_MESSAGE_PATH) ? result.toString() : arg);
      }
      var command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", RUNNER_JAR.toString()));
      command.addAll(args);
      var builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "fake-kubelet.log").toFile()));
      var env = new HashMap<String, String>(credentials);
      container.getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      builder.environment().putAll(env);
      var process = builder.start();
      process.waitFor(5, TimeUnit.MINUTES);
      int exitCode = process.exitValue();
      writePod(job, exitCode, Files.readString(result));
      writeJobOutcome(job, exitCode == 0);
    } catch (Exception e) {
      // A Job deleted while its runner ran has nowhere to report; the kubelet goes on.
      System.err.println("fake kubelet: Job " + job.getMetadata().getName() + " ended without a report: " + e);
    }
  }

  private void writePod(Job job, int exitCode, String message) {
    var now = Instant.now().toString();
    client.pods().inNamespace(job.getMetadata().getNamespace()).resource(new PodBuilder()
        .withNewMetadata()
            .withName(job.getMetadata().getName() + "-" + pods.incrementAndGet())
            .withNamespace(job.getMetadata().getNamespace())
            .withLabels(Map.of("job-name", job.getMetadata().getName()))
            .withCreationTimestamp(now)
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus()
            .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
            .withContainerStatuses(new ContainerStatusBuilder()
                .withName("export-runner")
                .withState(new ContainerStateBuilder().withNewTerminated()
                    .withExitCode(exitCode).withMessage(message).withFinishedAt(now).endTerminated().build())
                .build())
        .endStatus()
        .build()).create();
  }

  private void writeJobOutcome(Job job, boolean succeeded) {
    var current = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName()).get();
    if (current == null || !current.getMetadata().getUid().equals(job.getMetadata().getUid())) {
      return; // deleted, or replaced by a new Job of the same name, while the runner ran
    }
    current.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
        .withSucceeded(succeeded ? 1 : 0)
        .withFailed(succeeded ? 0 : 1)
        .withConditions(new JobConditionBuilder()
            .withType(succeeded ? "Complete" : "Failed")
            .withStatus("True")
            .withReason(succeeded ? "Completed" : "PodFailurePolicy")
            .build())
        .build());
    client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(current).updateStatus();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
