package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.schedule.RetentionPlanner.Removal;
import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import dev.tableexport.operator.tableexport.Conditions;
import dev.tableexport.operator.tableexport.Events;
import dev.tableexport.operator.tableexport.Events.Reason;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's events, each recorded once: named by the schedule and what it is about (the run,
 * the chain), and looked for only on a transition the status shows, so a steady schedule writes
 * none.
 */
final class ScheduleEvents {

  static final String CHAIN_BROKEN = "ChainBroken";

  private final Events events;

  ScheduleEvents(Clock clock) {
    this.events = new Events(clock);
  }

  /** A run was created: a new one, a retry, a new chain's base or a compaction. */
  void created(KubernetesClient client, TableExportSchedule schedule, RunRequest run, String name,
      String why) {
    if (run.kind() == Kind.COMPACTION) {
      record(client, schedule, Reason.CompactionCreated, name, "Compaction " + name + " of chain "
          + run.chain() + ": a full export as of " + run.exportTime() + " from "
          + run.manifests().size() + " exports in S3");
    } else if (run.attempt() > 1) {
      record(client, schedule, Reason.RunRetried, name, why + ": " + name);
    } else if (run.kind() == Kind.BASE && run.chain() > 1) {
      record(client, schedule, Reason.ChainBroken, "c" + (run.chain() - 1), why);
      record(client, schedule, Reason.ChainRebased, "c" + run.chain(),
          "Chain " + run.chain() + " starts with full export " + name);
    } else {
      record(client, schedule, Reason.RunCreated, name, why + ": " + name);
    }
  }

  /** The plan stopped the chain, and the status did not say so before. */
  void broken(KubernetesClient client, TableExportSchedule schedule, Plan plan) {
    if (!CHAIN_BROKEN.equals(plan.reason()) || plan.chain() == null
        || CHAIN_BROKEN.equals(readyReason(schedule))) {
      return;
    }
    record(client, schedule, Reason.ChainBroken, "c" + plan.chain().getNumber(), plan.message());
  }

  void removed(KubernetesClient client, TableExportSchedule schedule, List<Removal> removals) {
    if (removals.isEmpty()) {
      return;
    }
    var names = removals.stream().map(removal -> removal.run().name()).toList();
    var data = removals.stream().filter(Removal::deleteData).map(r -> r.run().name()).toList();
    record(client, schedule, Reason.RetentionRemoved, names.getFirst(), "spec.retention removed "
        + names.size() + " runs: " + String.join(", ", names)
        + (data.isEmpty() ? "; their data is kept"
            : "; and the data of " + String.join(", ", data)));
  }

  /** The chain's newest COMPLETED compaction is another than the status names. */
  void compacted(KubernetesClient client, TableExportSchedule schedule,
      Optional<ScheduleRun> last) {
    var recorded = schedule.getStatus() == null || schedule.getStatus().getChain() == null
        ? null : schedule.getStatus().getChain().getLastCompaction();
    if (last.isEmpty() || last.get().name().equals(recorded)) {
      return;
    }
    var status = last.get().export().getStatus();
    record(client, schedule, Reason.CompactionCompleted, last.get().name(), "Compaction "
        + last.get().name() + " COMPLETED: the table as of " + last.get().exportTime() + ", "
        + status.getItemCount() + " items, in s3://" + last.get().export().getSpec().getS3Bucket()
        + "/" + status.getExportManifest());
  }

  private void record(KubernetesClient client, TableExportSchedule schedule, Reason reason,
      String subject, String message) {
    events.record(client, schedule, reason, subject, message);
  }

  private static String readyReason(TableExportSchedule schedule) {
    if (schedule.getStatus() == null || schedule.getStatus().getConditions() == null) {
      return null;
    }
    return schedule.getStatus().getConditions().stream()
        .filter(condition -> Conditions.READY.equals(condition.getType()))
        .map(condition -> condition.getReason())
        .findFirst().orElse(null);
  }
}
