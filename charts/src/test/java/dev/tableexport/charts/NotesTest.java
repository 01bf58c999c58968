package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotesTest {

  @Test
  void afterInstallingTellsWhatToApplyForEitherKindOfPointInTimeRecovery() {
    var notes = new Helm(Chart.DIR).install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
        .clientOnly().dryRun().call().getOutput();

    for (var expected : List.of("kind: ContinuousBackup", "mode: Native", "mode: Recorder",
        "kind: TableExport",
        "kubectl apply -n " + Chart.NAMESPACE,
        "kubectl wait -n " + Chart.NAMESPACE + " --for=condition=Ready continuousbackup/orders",
        "kubectl wait -n " + Chart.NAMESPACE + " --for=condition=Complete tableexport/",
        "kubectl get tableexports -n " + Chart.NAMESPACE)) {
      assertTrue(notes.contains(expected), expected + " in:\n" + notes);
    }
  }
}
