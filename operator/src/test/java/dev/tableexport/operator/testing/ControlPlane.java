package dev.tableexport.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real API server, controller manager and etcd, started by {@code .ci/control-plane up} once per
 * test JVM and stopped with it. The binaries must be built already ({@code .ci/control-plane
 * build}); a test never builds or downloads them.
 */
public final class ControlPlane {

  private static final long START_TIMEOUT_SECONDS = 120;
  private static ControlPlane instance;
  private static RuntimeException failure;

  private final Path runDir;
  private final Path kubeconfig;
  private final Path kubectl;
  private final KubernetesClient client;
  private ProcessKubelet kubelet;

  private ControlPlane(Path runDir, Path kubeconfig, Path kubectl) throws IOException {
    this.runDir = runDir;
    this.kubeconfig = kubeconfig;
    this.kubectl = kubectl;
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
  }

  /** The JVM's control plane, started on first use; a failed start is not tried again. */
  public static synchronized ControlPlane get() {
    if (failure != null) {
      throw failure;
    }
    if (instance == null) {
      try {
        instance = start();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return instance;
  }

  /**
   * The JVM's process kubelet, serving every namespace, started on first use: it runs the
   * runner image ({@link Images#RUNNER}) and {@link Images#SHELL}.
   */
  public synchronized ProcessKubelet kubelet() {
    if (kubelet == null) {
      kubelet = ProcessKubelet.start(client, new Images().runner(Images.RUNNER).shell(),
          "process-kubelet", Set.of());
      Runtime.getRuntime().addShutdownHook(new Thread(this::stopKubelet, "kubelet-stop"));
    }
    return kubelet;
  }

  private void stopKubelet() {
    try {
      kubelet.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A client for the cluster administrator (system:masters). */
  public KubernetesClient admin() {
    return client;
  }

  /** A client that impersonates {@code user} in {@code groups}, as the administrator may. */
  public KubernetesClient clientAs(String user, String... groups) {
    try {
      var config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setImpersonateUsername(user);
      config.setImpersonateGroups(groups);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubectl built with the control plane, run as the administrator. */
  public Kubectl kubectl() {
    return new Kubectl(kubectl, kubeconfig);
  }

  /** A new namespace whose pods must meet the restricted Pod Security Standard. */
  public String restrictedNamespace(String prefix) {
    return createRestricted(new ObjectMetaBuilder().withGenerateName(prefix + "-"));
  }

  /** The restricted namespace {@code name}, for a demo a person types commands in. */
  public String restrictedNamespaceNamed(String name) {
    return createRestricted(new ObjectMetaBuilder().withName(name));
  }

  private String createRestricted(ObjectMetaBuilder metadata) {
    var namespace = new NamespaceBuilder()
        .withMetadata(metadata.addToLabels("pod-security.kubernetes.io/enforce", "restricted")
            .build())
        .build();
    return client.namespaces().resource(namespace).create().getMetadata().getName();
  }

  /**
   * Kills kube-apiserver (SIGKILL: a graceful stop drains its watches for half a minute), runs
   * {@code outage} while it is down, and starts it again with the same command line, pid file
   * and log, as {@code down} expects; returns once its /readyz answers. etcd and the controller
   * manager keep running.
   */
  public synchronized void withApiServerDown(Outage outage) throws Exception {
    var pidFile = runDir.resolve("kube-apiserver.pid");
    var pid = Long.parseLong(Files.readString(pidFile).strip());
    var process = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("kube-apiserver " + pid + " is not running"));
    var command = commandLine(pid);
    process.destroyForcibly();
    process.onExit().get(30, TimeUnit.SECONDS);
    try {
      outage.run();
    } finally {
      var log = runDir.resolve("kube-apiserver.log").toFile();
      var restarted = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      Files.writeString(pidFile, restarted.pid() + "\n");
      awaitReady();
    }
  }

  private static List<String> commandLine(long pid) throws IOException {
    var cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
    return List.of(cmdline.substring(0, cmdline.length() - 1).split("\0"));
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (kubectl().run("get", "--raw", "/readyz").exitCode() != 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("kube-apiserver not ready again; see " + runDir);
      }
      Thread.sleep(200);
    }
  }

  /** The directory of the control plane's kubectl, for a shell's PATH. */
  public Path binaries() {
    return kubectl.getParent();
  }

  private static ControlPlane start() {
    var script = script();
    try {
      var runDir = Files.createTempDirectory("tableexport-control-plane");
      var log = Files.createTempFile("tableexport-control-plane-up", ".log");
      var process = command(script, runDir, "up").redirectError(log.toFile()).start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " up failed: " + Files.readString(log).strip());
      }
      Files.delete(log);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> down(script, runDir), "control-plane-down"));
      var kubectl = Path.of(exported(output, "PATH=").replace(":$PATH", "")).resolve("kubectl");
      return new ControlPlane(runDir, Path.of(exported(output, "KUBECONFIG=")), kubectl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void down(Path script, Path runDir) {
    try {
      command(script, runDir, "down").inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ProcessBuilder command(Path script, Path runDir, String verb) {
    var builder = new ProcessBuilder(List.of("bash", script.toString(), verb));
    builder.environment().put("TABLEEXPORT_CONTROL_PLANE_RUN_DIR", runDir.toString());
    builder.environment().put("TABLEEXPORT_CONTROL_PLANE_NO_BUILD", "1");
    return builder;
  }

  private static String exported(String output, String variable) {
    return output
        .lines()
        .filter(line -> line.startsWith("export " + variable))
        .map(line -> line.substring(("export " + variable).length()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("up printed no " + variable + ": " + output));
  }

  private static Path script() {
    return RepositoryFiles.find(".ci/control-plane");
  }
}
