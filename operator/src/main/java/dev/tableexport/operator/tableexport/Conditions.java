package dev.tableexport.operator.tableexport;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
  /**
   * Either kind's: True while the operator's own reconcile fails (the store or S3 unreachable, an
   * API call refused) and is retried; gone once a reconcile succeeds.
   */
  public static final String RECONCILE_ERROR = "ReconcileError";

  /** What the CRDs allow in a reason, as metav1.Condition does. */
  static final int MAX_REASON_LENGTH = 1024;

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_,:]+");
  private static final Pattern STARTS_WITH_LETTER = Pattern.compile("[A-Za-z]");

  private Conditions() {}

  /**
   * A reason the CRD's pattern accepts, from a failure code that may come from S3 or a store
   * (such as {@code Access-Denied} or {@code 503}): other characters become {@code _}, a reason
   * starts with a letter and ends with a letter, digit or {@code _}, and is at most 1,024 long.
   */
  public static String reason(String code) {
    var reason = NOT_ALLOWED.matcher(code == null ? "" : code).replaceAll("_");
    if (!STARTS_WITH_LETTER.matcher(reason).lookingAt()) {
      reason = "Code_" + reason;
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      reason = reason.substring(0, MAX_REASON_LENGTH);
    }
    return reason.replaceAll("[,:]+$", "");
  }

  /** The conditions without the one of {@code type}. */
  public static List<Condition> without(List<Condition> conditions, String type) {
    return conditions == null ? null
        : conditions.stream().filter(condition -> !condition.getType().equals(type)).toList();
  }

  static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null && conditions.stream()
        .anyMatch(condition -> condition.getType().equals(type) && condition.getStatus().equals("True"));
  }

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
        .withReason(reason(reason))
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build());
    return updated;
  }
}
