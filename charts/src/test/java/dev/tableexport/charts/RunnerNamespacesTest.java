package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runner pods run in the namespace of their TableExport or ContinuousBackup, so their
 * ServiceAccount and credentials Secret are there: in each watched namespace (else the release's)
 * and in runner.namespaces.
 */
class RunnerNamespacesTest {

  private static final String RUNNER = "tableexport-runner";
  private static final String SECRET = Chart.RELEASE + "-aws-credentials";

  @Test
  void theRunnerAccountIsGrantedNothingAndHasNoToken() {
    var manifests = Chart.render("");
    var account = manifests.get("ServiceAccount", Chart.NAMESPACE, RUNNER);

    assertFalse(account.get("automountServiceAccountToken").asBoolean(true));
    assertTrue(account.at("/metadata/annotations").isMissingNode());
    for (var kind : List.of("RoleBinding", "ClusterRoleBinding")) {
      for (var binding : manifests.all(kind)) {
        assertEquals(List.of(Chart.RELEASE), binding.get("subjects").findValuesAsText("name"));
      }
    }
    assertEquals(List.of(), manifests.all("Secret"));
  }

  @Test
  void inEachWatchedNamespaceAndTheExtraOnes() {
    var manifests = Chart.render("""
        watchNamespaces: [a, b]
        runner:
          namespaces: [c, a]
          imagePullSecrets: [{name: registry}]
          serviceAccount:
            annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/exports"}
        """);

    assertEquals(List.of("a", "b", "c"), manifests.namespacesOf("ServiceAccount", RUNNER));
    for (var namespace : List.of("a", "b", "c")) {
      assertEquals("arn:aws:iam::123456789012:role/exports",
          manifests.get("ServiceAccount", namespace, RUNNER)
              .at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText());
      assertEquals("registry", manifests.get("ServiceAccount", namespace, RUNNER)
          .at("/imagePullSecrets/0/name").asText());
    }
  }

  @Test
  void credentialsGivenAsKeysAreASecretWhereverTheyAreUsed() {
    var manifests = Chart.render("""
        watchNamespaces: [a, b]
        runner: {namespaces: [c]}
        aws:
          credentials:
            accessKeyId: AKIAEXAMPLE
            secretAccessKey: secret
            sessionToken: session
        """);

    assertEquals(List.of("a", "b", "c", Chart.NAMESPACE), manifests.namespacesOf("Secret", SECRET));
    var data = manifests.get("Secret", "b", SECRET).get("stringData");
    assertEquals("AKIAEXAMPLE", data.get("AWS_ACCESS_KEY_ID").asText());
    assertEquals("secret", data.get("AWS_SECRET_ACCESS_KEY").asText());
    assertEquals("session", data.get("AWS_SESSION_TOKEN").asText());
    assertFalse(manifests.get("Secret", Chart.NAMESPACE, SECRET).get("stringData").isEmpty());
  }

  @Test
  void anExistingSecretIsOnlyReferenced() {
    var manifests = Chart.render("aws: {credentials: {existingSecret: store-keys}}");

    assertEquals(List.of(), manifests.all("Secret"));
    assertEquals("store-keys", manifests.env().get("TABLEEXPORT_AWS_CREDENTIALS_SECRET"));
  }

  @Test
  void anExistingRunnerAccountIsOnlyNamed() {
    var manifests = Chart.render("runner: {serviceAccount: {create: false, name: exporter}}");

    assertEquals(List.of(Chart.RELEASE), manifests.all("ServiceAccount").stream()
        .map(account -> account.at("/metadata/name").asText()).toList());
    assertEquals("exporter", manifests.env().get("TABLEEXPORT_RUNNER_SERVICE_ACCOUNT"));
  }
}
