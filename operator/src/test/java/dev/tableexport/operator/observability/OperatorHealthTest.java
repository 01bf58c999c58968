package dev.tableexport.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.observability.OperatorHealth.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OperatorHealthTest {

  /** A hand-written RuntimeInfo: started or not, its event sources healthy or not. */
  private static final class FakeRuntime implements OperatorHealth.Runtime {
    boolean started;
    boolean healthy = true;

    @Override
    public boolean isStarted() {
      return started;
    }

    @Override
    public boolean allEventSourcesAreHealthy() {
      return healthy;
    }

    @Override
    public String unhealthyEventSources() {
      return healthy ? "{}" : "{tableexportreconciler={JobInformer=UNHEALTHY}}";
    }
  }

  @Test
  void startingIsAliveButNotReady() {
    var runtime = new FakeRuntime();
    var health = new OperatorHealth(false);
    health.watch(() -> runtime);

    assertEquals(new Answer(true, "starting"), health.liveness());
    assertEquals(new Answer(false, "starting"), health.readiness());
  }

  @Test
  void anInformerThatStoppedWatchingFailsBothProbes() {
    var runtime = new FakeRuntime();
    runtime.started = true;
    var health = new OperatorHealth(false);
    health.watch(() -> runtime);
    assertEquals(new Answer(true, "ok"), health.liveness());
    assertEquals(new Answer(true, "ready"), health.readiness());

    runtime.healthy = false;

    var unhealthy =
        new Answer(false, "unhealthy event sources: {tableexportreconciler={JobInformer=UNHEALTHY}}");
    assertEquals(unhealthy, health.liveness());
    assertEquals(unhealthy, health.readiness());
  }

  @Test
  void aStandbyReplicaAnswersFromItsInformersAsTheLeaderDoes() {
    var runtime = new FakeRuntime();
    runtime.started = true;
    var health = new OperatorHealth(true);
    health.watch(() -> runtime);
    var callbacks = health.leaderCallbacks();

    assertEquals(new Answer(true, "standing by: another replica leads"), health.liveness());
    assertEquals(new Answer(true, "standing by: another replica leads"), health.readiness());
    runtime.healthy = false;
    assertEquals(false, health.liveness().ok(), "JOSDK runs the informers on a standby too");
    assertEquals(false, health.readiness().ok());

    callbacks.onStartLeading();
    assertEquals(false, health.liveness().ok(), "the leader's informers must watch");
    runtime.healthy = true;
    assertEquals(new Answer(true, "ok"), health.liveness());
    assertEquals(new Answer(true, "ready"), health.readiness());

    runtime.healthy = false;
    callbacks.onStopLeading();
    assertEquals(false, health.liveness().ok(),
        "a leader that lost its lease to an unreachable API server is not healthy as a standby");
  }

  @Test
  void theServerAnswers503WithTheReason() throws IOException, InterruptedException {
    var runtime = new FakeRuntime();
    runtime.started = true;
    runtime.healthy = false;
    var health = new OperatorHealth(false);
    health.watch(() -> runtime);
    try (var server = new OperatorHttpServer(0, health, () -> "")) {
      var client = HttpClient.newHttpClient();
      var response = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(503, response.statusCode());
      assertEquals("unhealthy event sources: {tableexportreconciler={JobInformer=UNHEALTHY}}\n",
          response.body());
    }
  }
}
