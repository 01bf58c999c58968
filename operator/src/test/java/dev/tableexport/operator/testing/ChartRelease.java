package dev.tableexport.operator.testing;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sun.misc.Signal;

/**
 * charts/tableexport-operator rendered by Helm's own engine (helm-java) with {@code --set}
 * values: the objects it installs besides the operator's Deployment, and the operator's
 * configuration as that Deployment's environment.
 */
final class ChartRelease {

  static final String NAME = "tableexport-operator";
  /** What an in-process operator needs from the release: no Deployment, Service or monitor. */
  private static final Set<String> INSTALLED = Set.of("ServiceAccount", "Secret", "ClusterRole",
      "ClusterRoleBinding", "Role", "RoleBinding");

  private final List<HasMetadata> objects;

  private ChartRelease(List<HasMetadata> objects) {
    this.objects = objects;
  }

  static ChartRelease render(KubernetesClient client, String namespace,
      Map<String, String> values) {
    var template = new Helm(RepositoryFiles.find("charts/tableexport-operator")).template()
        .withName(NAME).withNamespace(namespace).skipCrds();
    values.forEach(template::set);
    var yaml = template.call();
    takeBackShutdownSignals();
    return new ChartRelease(client.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
  }

  /**
   * Helm's Go runtime, loaded into this JVM by helm-java, catches SIGINT and SIGTERM, and then
   * neither Ctrl-C nor kill runs the JVM's shutdown hooks (which stop the processes the tests
   * started): hand them back to the JVM.
   */
  private static void takeBackShutdownSignals() {
    for (var name : List.of("INT", "TERM", "HUP")) {
      Signal.handle(new Signal(name), signal -> System.exit(128 + signal.getNumber()));
    }
  }

  /** Applies the release's ServiceAccounts, Secrets and RBAC, as {@code helm install} would. */
  void applyAccessObjects(KubernetesClient admin) {
    for (var object : objects) {
      if (INSTALLED.contains(object.getKind())) {
        admin.resource(object).fieldManager("helm").forceConflicts().serverSideApply();
      }
    }
  }

  /** The operator container's environment variables with a value, as the chart sets them. */
  Map<String, String> operatorEnvironment() {
    var env = new LinkedHashMap<String, String>();
    operatorDeployment().getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()
        .stream().filter(variable -> variable.getValueFrom() == null)
        .forEach(variable -> env.put(variable.getName(), variable.getValue()));
    return env;
  }

  /** The ServiceAccount the operator runs as. */
  String serviceAccount() {
    return operatorDeployment().getSpec().getTemplate().getSpec().getServiceAccountName();
  }

  private Deployment operatorDeployment() {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the chart rendered no Deployment"));
  }
}
