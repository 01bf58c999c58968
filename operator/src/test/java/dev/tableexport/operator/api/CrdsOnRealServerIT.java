package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.testing.ControlPlane;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in CRDs on a real API server: applied server-side, served, and stable. */
class CrdsOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();

  @Test
  void applyServerSideAndAreServedWithTheirNamesAccepted() throws IOException {
    var applied = Crds.apply(CLUSTER.admin());

    assertEquals(
        List.of(
            "continuousbackups.tableexport.dev",
            "tableexports.tableexport.dev",
            "tableexportschedules.tableexport.dev"),
        applied.stream().map(crd -> crd.getMetadata().getName()).toList());
    for (var crd : applied) {
      var namesAccepted =
          crd.getStatus().getConditions().stream()
              .filter(c -> "NamesAccepted".equals(c.getType()))
              .findFirst()
              .orElseThrow();
      assertEquals("True", namesAccepted.getStatus(), namesAccepted.getMessage());
      assertEquals(List.of("spec"), Crds.rootSchema(crd).getRequired(), "spec is required");
    }
  }

  @Test
  void applyingThemAgainChangesNothing() throws IOException {
    var first = Crds.apply(CLUSTER.admin());
    var second = Crds.apply(CLUSTER.admin());

    assertEquals(
        first.stream().map(crd -> crd.getMetadata().getResourceVersion()).toList(),
        second.stream().map(crd -> crd.getMetadata().getResourceVersion()).toList());
  }
}
