package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The operator's ServiceAccount gets exactly what its code and JOSDK call, nothing more. */
class RbacTest {

  /** What the operator does in every namespace it reconciles. */
  private static final Set<String> WORKLOAD = sorted(
      // informers of the kinds; expired exports are deleted (the history retention, a
      // schedule's retention); a schedule creates its runs
      "tableexport.dev/tableexports list", "tableexport.dev/tableexports watch",
      "tableexport.dev/tableexports delete", "tableexport.dev/tableexports create",
      "tableexport.dev/continuousbackups list", "tableexport.dev/continuousbackups watch",
      "tableexport.dev/tableexportschedules list", "tableexport.dev/tableexportschedules watch",
      // the finalizer of a ContinuousBackup (JOSDK's), which turns native PITR off on delete
      "tableexport.dev/continuousbackups patch",
      "tableexport.dev/tableexports/status patch", "tableexport.dev/continuousbackups/status patch",
      "tableexport.dev/tableexportschedules/status patch",
      // owner references with blockOwnerDeletion on Jobs, Deployments and a schedule's runs
      "tableexport.dev/tableexports/finalizers update",
      "tableexport.dev/continuousbackups/finalizers update",
      "tableexport.dev/tableexportschedules/finalizers update",
      // export Jobs: informer, get-or-create, suspended when their pod cannot start
      "batch/jobs get", "batch/jobs list", "batch/jobs watch", "batch/jobs create",
      "batch/jobs patch",
      // recorder Deployments: informer, create, replaced when the spec changes
      "apps/deployments get", "apps/deployments list", "apps/deployments watch",
      "apps/deployments create", "apps/deployments update",
      // the informer of the operator's pods: termination messages, start failures
      "/pods list", "/pods watch",
      // an export fails at once when its namespace lacks the runner's ServiceAccount
      "/serviceaccounts[tableexport-runner] get",
      // the client token record
      "/configmaps create", "/configmaps[tableexport-client-tokens] get",
      "/configmaps[tableexport-client-tokens] update",
      "/events create");

  @Test
  void everyNamespaceByDefaultThroughAClusterRole() {
    var manifests = Chart.render("");

    assertEquals(WORKLOAD, permissions(manifests.get("ClusterRole", "", Chart.RELEASE)));
    var binding = manifests.get("ClusterRoleBinding", "", Chart.RELEASE);
    assertEquals("ClusterRole", binding.at("/roleRef/kind").asText());
    assertEquals(Chart.RELEASE, binding.at("/roleRef/name").asText());
    assertOperatorIsTheOnlySubject(binding);
    assertEquals(List.of(), manifests.namespacesOf("RoleBinding", Chart.RELEASE));
  }

  @Test
  void watchedNamespacesGetARoleEachAndNothingClusterWide() {
    var manifests = Chart.render("watchNamespaces: [a, b]");

    assertEquals(List.of(), manifests.all("ClusterRole"));
    assertEquals(List.of(), manifests.all("ClusterRoleBinding"));
    assertEquals(List.of("a", "b"), manifests.namespacesOf("Role", Chart.RELEASE));
    for (var namespace : List.of("a", "b")) {
      assertEquals(WORKLOAD, permissions(manifests.get("Role", namespace, Chart.RELEASE)));
      var binding = manifests.get("RoleBinding", namespace, Chart.RELEASE);
      assertEquals("Role", binding.at("/roleRef/kind").asText());
      assertEquals(Chart.RELEASE, binding.at("/roleRef/name").asText());
      assertOperatorIsTheOnlySubject(binding);
    }
  }

  @Test
  void theLeaseOnlyWithLeaderElectionInTheReleaseNamespace() {
    var name = Chart.RELEASE + "-leader-election";
    var manifests = Chart.render("");

    // JOSDK refuses to start unless create, update and get are granted; Fabric8 renews with patch.
    assertEquals(sorted("coordination.k8s.io/leases create",
            "coordination.k8s.io/leases[tableexport-operator] get",
            "coordination.k8s.io/leases[tableexport-operator] update",
            "coordination.k8s.io/leases[tableexport-operator] patch"),
        permissions(manifests.get("Role", Chart.NAMESPACE, name)));
    assertOperatorIsTheOnlySubject(manifests.get("RoleBinding", Chart.NAMESPACE, name));

    var without = Chart.render("leaderElection: {enabled: false}");
    assertEquals(List.of(), without.all("Role"));
    assertEquals(List.of(), without.all("RoleBinding"));
  }

  @Test
  void anExistingServiceAccountIsBoundInstead() {
    var manifests = Chart.render("serviceAccount: {create: false, name: platform-operator}");

    assertEquals(List.of(), manifests.namespacesOf("ServiceAccount", Chart.RELEASE));
    assertEquals("platform-operator", manifests.get("ClusterRoleBinding", "", Chart.RELEASE)
        .at("/subjects/0/name").asText());
    assertEquals("platform-operator", manifests.get("Deployment", Chart.NAMESPACE, Chart.RELEASE)
        .at("/spec/template/spec/serviceAccountName").asText());
  }

  @Test
  void theOperatorsServiceAccountCarriesItsAnnotations() {
    var account = Chart.render("""
        serviceAccount:
          annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/operator"}
        """).get("ServiceAccount", Chart.NAMESPACE, Chart.RELEASE);

    assertEquals("arn:aws:iam::123456789012:role/operator",
        account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText());
  }

  private static void assertOperatorIsTheOnlySubject(JsonNode binding) {
    var subjects = binding.get("subjects");
    assertEquals(1, subjects.size());
    assertEquals("ServiceAccount", subjects.at("/0/kind").asText());
    assertEquals(Chart.RELEASE, subjects.at("/0/name").asText());
    assertEquals(Chart.NAMESPACE, subjects.at("/0/namespace").asText());
  }

  private static Set<String> sorted(String... permissions) {
    return new TreeSet<>(List.of(permissions));
  }

  /** Each rule as "group/resource[name] verb" ("[name]" only with resourceNames). */
  private static Set<String> permissions(JsonNode role) {
    var permissions = new TreeSet<String>();
    for (var rule : role.get("rules")) {
      var names = rule.path("resourceNames").isMissingNode()
          ? List.of("")
          : rule.get("resourceNames").valueStream().map(name -> "[" + name.asText() + "]").toList();
      for (var group : rule.get("apiGroups")) {
        for (var resource : rule.get("resources")) {
          for (var name : names) {
            for (var verb : rule.get("verbs")) {
              var permission =
                  group.asText() + "/" + resource.asText() + name + " " + verb.asText();
              assertTrue(permissions.add(permission), "granted twice: " + permission);
            }
          }
        }
      }
    }
    return permissions;
  }
}
