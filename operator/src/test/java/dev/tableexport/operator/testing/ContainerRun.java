package dev.tableexport.operator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One container of a pod as a local process, restarted as the pod's restartPolicy says. The
 * container's terminationMessagePath, wherever it appears in its command or args, becomes a file
 * of its own; its output goes to a log file next to it.
 */
final class ContainerRun {

  /** The kubelet's restart back-off starts at 10 s; tests have no time for that. */
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  /** What the container needs from its pod while it runs. */
  interface PodContext {
    String restartPolicy();

    /** The container's environment, or why it cannot be built. */
    Map<String, String> environment(Container container) throws ContainerEnvironment.ConfigError;

    /** Called after every change of this container's status. */
    void changed();

  }

  private final Container container;
  private final Images images;
  private final Path dir;
  private final PodContext pod;
  private final Object lock = new Object();
  private ContainerState state;
  private ContainerState lastState;
  private int restartCount;
  private Process process;
  private Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);

  ContainerRun(Container container, Images images, Path dir, PodContext pod) {
    this.container = container;
    this.images = images;
    this.dir = dir;
    this.pod = pod;
    this.state = waiting("ContainerCreating", null);
  }

  void start() {
    thread = Thread.ofVirtual().name("container-" + container.getName()).start(this::run);
  }

  /** SIGTERM, and SIGKILL once {@code grace} has passed; returns when the loop has ended. */
  void stop(Duration grace) throws InterruptedException {
    Process running;
    synchronized (lock) {
      stopped.countDown();
      running = process;
    }
    if (running != null && running.isAlive()) {
      running.descendants().forEach(ProcessHandle::destroy);
      running.destroy();
      if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
      }
    }
    thread.join();
  }

  ContainerStatus status() {
    synchronized (lock) {
      return new ContainerStatusBuilder()
          .withName(container.getName())
          .withImage(container.getImage())
          .withImageID("")
          .withContainerID(process == null ? null : "process://" + process.pid())
          .withReady(state.getRunning() != null)
          .withStarted(state.getRunning() != null)
          .withRestartCount(restartCount)
          .withState(state)
          .withLastState(lastState == null ? new ContainerState() : lastState)
          .build();
    }
  }

  boolean terminated() {
    synchronized (lock) {
      return state.getTerminated() != null;
    }
  }

  /** Whether it ever ran: a pod is Pending until each of its containers has. */
  boolean everRan() {
    synchronized (lock) {
      return state.getWaiting() == null || lastState != null;
    }
  }

  Integer exitCode() {
    synchronized (lock) {
      return state.getTerminated() == null ? null : state.getTerminated().getExitCode();
    }
  }

  private void run() {
    var entrypoint = images.entrypoint(container.getImage());
    if (entrypoint.isEmpty()) {
      update(waiting("ImagePullBackOff", "Back-off pulling image \"" + container.getImage()
          + "\": the process kubelet has no command for this image"));
      return;
    }
    var backoff = FIRST_BACKOFF;
    try {
      while (stopped.getCount() > 0) {
        int exitCode = runOnce(entrypoint.get());
        if (stopped.getCount() == 0 || !restarts(exitCode)) {
          return;
        }
        synchronized (lock) {
          lastState = state;
          restartCount++;
          state = waiting("CrashLoopBackOff", "back-off " + backoff.toSeconds()
              + "s restarting failed container=" + container.getName());
        }
        pod.changed();
        stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
            : backoff.multipliedBy(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      System.err.println("process kubelet: container " + container.getName() + " failed: " + e);
    }
  }

  private boolean restarts(int exitCode) {
    return switch (pod.restartPolicy()) {
      case "Always" -> true;
      case "OnFailure" -> exitCode != 0;
      default -> false;
    };
  }

  /** Runs the container once; its exit code (-1 when it could not be configured or started). */
  private int runOnce(List<String> entrypoint) throws IOException, InterruptedException {
    Map<String, String> env;
    try {
      env = pod.environment(container);
    } catch (ContainerEnvironment.ConfigError e) {
      update(waiting("CreateContainerConfigError", e.getMessage()));
      stopped.await(FIRST_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
      return -1;
    }
    var attempt = dir.resolve(container.getName() + "-" + restartCount);
    Files.createDirectories(attempt);
    var messageFile = attempt.resolve("termination-log");
    var log = attempt.resolve("output.log");
    var builder = new ProcessBuilder(command(entrypoint, messageFile))
        .directory(workingDir(attempt).toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", attempt.toString());
    builder.environment().putAll(env);
    var started = now();
    Process running;
    try {
      running = builder.start();
    } catch (IOException e) {
      update(terminated(128, "StartError", e.getMessage(), started, now()));
      return 128;
    }
    synchronized (lock) {
      process = running;
      state = new ContainerStateBuilder().withNewRunning().withStartedAt(started).endRunning()
          .build();
      if (stopped.getCount() == 0) {
        running.destroyForcibly(); // stop() came between the loop's check and the start
      }
    }
    pod.changed();
    int exitCode = running.waitFor();
    var message = TerminationMessages.read(messageFile, log,
        container.getTerminationMessagePolicy(), exitCode);
    update(terminated(exitCode, exitCode == 0 ? "Completed" : "Error", message, started, now()));
    return exitCode;
  }

  /** The image's entrypoint, or the container's command, and its args. */
  private List<String> command(List<String> entrypoint, Path messageFile) {
    var command = new ArrayList<String>();
    var specified = container.getCommand();
    command.addAll(specified == null || specified.isEmpty() ? entrypoint : specified);
    command.addAll(container.getArgs() == null ? List.of() : container.getArgs());
    var messagePath = container.getTerminationMessagePath() == null ? "/dev/termination-log"
        : container.getTerminationMessagePath();
    return command.stream().map(arg -> arg.replace(messagePath, messageFile.toString())).toList();
  }

  private Path workingDir(Path attempt) {
    return container.getWorkingDir() == null || container.getWorkingDir().isBlank()
        ? attempt : Path.of(container.getWorkingDir());
  }

  private void update(ContainerState next) {
    synchronized (lock) {
      state = next;
    }
    pod.changed();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message)
        .endWaiting().build();
  }

  private static ContainerState terminated(int exitCode, String reason, String message,
      String startedAt, String finishedAt) {
    return new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
        .withReason(reason).withMessage(message.isEmpty() ? null : message)
        .withStartedAt(startedAt).withFinishedAt(finishedAt).endTerminated().build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
