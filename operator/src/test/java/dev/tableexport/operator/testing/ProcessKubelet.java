package dev.tableexport.operator.testing;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A kubelet for tests whose containers are local processes: it registers a Node, binds every
 * pending pod of the namespaces it serves to it (there is no scheduler), runs the pods'
 * containers ({@link Images} maps an image to a command) and writes their status; a deleted pod
 * gets SIGTERM, SIGKILL after its grace period, and its deletion finished. Jobs, ReplicaSets,
 * Deployments and garbage collection are kube-controller-manager's.
 */
public final class ProcessKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final Images images;
  private final KubeletNode node;
  private final Path dir;
  private final Map<String, PodRun> runs = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("process-kubelet").daemon()
          .factory());
  private final ExecutorService stops = Executors.newVirtualThreadPerTaskExecutor();
  private final List<SharedIndexInformer<Pod>> informers = new ArrayList<>();

  private ProcessKubelet(KubernetesClient client, Images images, String nodeName) {
    this.client = client;
    this.images = images;
    this.node = new KubeletNode(client, nodeName);
    try {
      this.dir = Files.createTempDirectory("process-kubelet");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Registers node {@code nodeName} and serves the pods of {@code namespaces} (every namespace
   * when empty).
   */
  public static ProcessKubelet start(KubernetesClient client, Images images, String nodeName,
      Set<String> namespaces) {
    var kubelet = new ProcessKubelet(client, images, nodeName);
    kubelet.node.register();
    var handler = kubelet.handler();
    if (namespaces.isEmpty()) {
      kubelet.informers.add(client.pods().inAnyNamespace().inform(handler));
    } else {
      for (var namespace : namespaces) {
        kubelet.informers.add(client.pods().inNamespace(namespace).inform(handler));
      }
    }
    return kubelet;
  }

  public String nodeName() {
    return node.name();
  }

  private ResourceEventHandler<Pod> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        events.execute(() -> reconcile(pod));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        events.execute(() -> reconcile(pod));
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {
        events.execute(() -> forget(pod));
      }
    };
  }

  private void reconcile(Pod pod) {
    var uid = pod.getMetadata().getUid();
    var nodeName = pod.getSpec().getNodeName();
    try {
      if (nodeName == null && pod.getMetadata().getDeletionTimestamp() == null) {
        bind(pod);
      } else if (node.name().equals(nodeName) && pod.getMetadata().getDeletionTimestamp() != null) {
        finishDeletion(pod);
      } else if (node.name().equals(nodeName) && !runs.containsKey(uid) && !finished.contains(uid)
          && !terminal(pod)) {
        var run = new PodRun(client, pod, images, Files.createDirectories(dir.resolve(uid)));
        runs.put(uid, run);
        run.start();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        System.err.println("process kubelet: pod " + pod.getMetadata().getName() + ": " + e);
      }
    }
  }

  private void bind(Pod pod) {
    client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
        .withNewMetadata()
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
        .endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(node.name()).endTarget()
        .build()).create();
  }

  /** Stops the pod's processes within its grace period, then deletes it for good. */
  private void finishDeletion(Pod pod) {
    var uid = pod.getMetadata().getUid();
    if (!finished.add(uid)) {
      return;
    }
    var run = runs.get(uid);
    var grace = pod.getMetadata().getDeletionGracePeriodSeconds();
    stops.execute(() -> {
      try {
        if (run != null) {
          run.stop(Duration.ofSeconds(grace == null ? 30 : grace));
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (KubernetesClientException e) {
        System.err.println("process kubelet: pod " + pod.getMetadata().getName()
            + " not deleted: " + e.getMessage());
      } finally {
        runs.remove(uid);
      }
    });
  }

  /** A pod gone from the API (deleted at once, or after finishDeletion): no process stays. */
  private void forget(Pod pod) {
    var uid = pod.getMetadata().getUid();
    finished.add(uid);
    var run = runs.remove(uid);
    if (run != null) {
      stops.execute(() -> {
        try {
          run.stop(Duration.ZERO);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  private static boolean terminal(Pod pod) {
    var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Stops every process at once and removes the Node. */
  @Override
  public void close() throws InterruptedException {
    informers.forEach(SharedIndexInformer::close);
    events.shutdownNow();
    for (var run : List.copyOf(runs.values())) {
      run.abandon();
    }
    stops.shutdownNow();
    try {
      node.close();
    } catch (KubernetesClientException e) {
      // The API server may be stopping too (both stop in shutdown hooks).
    }
  }
}
