package dev.tableexport.operator.observability;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What /healthz and /readyz answer, from the operator's real state as JOSDK's probes sample
 * does: alive while every informer watches; ready once started and alive. A standby replica runs
 * its informers too (JOSDK starts them on every replica, and only the leader's reconcile), so it
 * answers as a leader does: a replica that lost its lease because the API server was gone is not
 * healthy for it.
 */
public final class OperatorHealth {

  /** A probe's answer: 200 when ok, else 503, with a line saying why. */
  public record Answer(boolean ok, String text) {}

  /** What JOSDK's RuntimeInfo tells, for the probes. */
  public interface Runtime {
    boolean isStarted();

    boolean allEventSourcesAreHealthy();

    /** The unhealthy event sources, by controller, for the answer's text. */
    String unhealthyEventSources();

    static Runtime of(RuntimeInfo info) {
      return new Runtime() {
        @Override
        public boolean isStarted() {
          return info.isStarted();
        }

        @Override
        public boolean allEventSourcesAreHealthy() {
          return info.allEventSourcesAreHealthy();
        }

        @Override
        public String unhealthyEventSources() {
          return info.unhealthyEventSources().toString();
        }
      };
    }
  }

  private static final String STANDING_BY = "standing by: another replica leads";

  private final boolean leaderElection;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile Supplier<Runtime> runtime = () -> null;

  public OperatorHealth(boolean leaderElection) {
    this.leaderElection = leaderElection;
  }

  /** Ready when {@code ready} says so, alive always: for an operator embedded in a test. */
  public static OperatorHealth readyWhen(BooleanSupplier ready) {
    var health = new OperatorHealth(false);
    health.watch(() -> new Runtime() {
      @Override
      public boolean isStarted() {
        return ready.getAsBoolean();
      }

      @Override
      public boolean allEventSourcesAreHealthy() {
        return true;
      }

      @Override
      public String unhealthyEventSources() {
        return "{}";
      }
    });
    return health;
  }

  /** The operator to answer for, once it exists. */
  public void watch(Supplier<Runtime> runtime) {
    this.runtime = runtime;
  }

  /** JOSDK calls these besides its own: the replica's part in leader election. */
  public LeaderCallbacks leaderCallbacks() {
    return new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), leader -> {});
  }

  public Answer liveness() {
    var info = runtime.get();
    if (info == null || !info.isStarted()) {
      return new Answer(true, "starting");
    }
    if (!info.allEventSourcesAreHealthy()) {
      return new Answer(false, "unhealthy event sources: " + info.unhealthyEventSources());
    }
    return new Answer(true, standingBy() ? STANDING_BY : "ok");
  }

  private boolean standingBy() {
    return leaderElection && !leading.get();
  }

  public Answer readiness() {
    var info = runtime.get();
    if (info == null || !info.isStarted()) {
      return new Answer(false, "starting");
    }
    var live = liveness();
    if (!live.ok()) {
      return live;
    }
    return new Answer(true, standingBy() ? STANDING_BY : "ready");
  }
}
