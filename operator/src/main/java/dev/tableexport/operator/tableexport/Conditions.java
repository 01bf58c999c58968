package dev.tableexport.operator.tableexport;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes conditions, whose lastTransitionTime changes only when their status does. */
public final class Conditions {

  /** A TableExport's: True once COMPLETED, False while it runs and once it FAILED. */
  public static final String COMPLETE = "Complete";
  /** A TableExport's: True once FAILED. */
  public static final String FAILED = "Failed";
  /** A TableExport's: True while it waits for the concurrency limit. */
  public static final String QUEUED = "Queued";
  /** A ContinuousBackup's: True once there is a restorable window. */
  public static final String READY = "Ready";
  /** A ContinuousBackup's: True while its recorder is silent or behind. */
  public static final String DEGRADED = "Degraded";

  private Conditions() {}

  public static List<Condition> set(List<Condition> conditions, String type, boolean status, String reason,
      String message, long generation, Instant now) {
    var updated = new ArrayList<Condition>();
    var statusText = status ? "True" : "False";
    var transition = now.toString();
    for (var condition : conditions == null ? List.<Condition>of() : conditions) {
      if (condition.getType().equals(type)) {
        if (condition.getStatus().equals(statusText)) {
          transition = condition.getLastTransitionTime();
        }
      } else {
        updated.add(condition);
      }
    }
    updated.add(new ConditionBuilder()
        .withType(type)
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build());
    return updated;
  }
}
