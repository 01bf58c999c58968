package dev.tableexport.operator.engine;

import dev.tableexport.contract.FailureCodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * The runner's ServiceAccount exists in the export's namespace. Without it the Job cannot create
 * its pod, and the export would wait, with nothing in its status, until the Job's deadline.
 */
final class RunnerAccountCheck {

  private final String serviceAccount;

  RunnerAccountCheck(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  Optional<ExportFailure> check(KubernetesClient client, String namespace) {
    if (client.serviceAccounts().inNamespace(namespace).withName(serviceAccount).get() != null) {
      return Optional.empty();
    }
    return Optional.of(new ExportFailure(FailureCodes.RUNNER_CANNOT_START,
        "The runner's ServiceAccount " + serviceAccount + " does not exist in namespace " + namespace
            + ": add " + namespace + " to the chart's runner.namespaces (or watchNamespaces), or"
            + " create the ServiceAccount, then create the export again under a new name"));
  }
}
