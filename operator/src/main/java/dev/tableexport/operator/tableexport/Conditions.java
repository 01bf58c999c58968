package dev.tableexport.operator.tableexport;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes conditions, whose lastTransitionTime changes only when their status does. */
public final class Conditions {

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
