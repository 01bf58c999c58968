package dev.tableexport.operator.tableexport;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events `kubectl describe` shows: of a TableExport, Queued, Started, Completed, Failed; of a
 * ContinuousBackup, PitrReenabled; of a TableExportSchedule, what happened to its runs and chain.
 * A TableExport's events happen once: each has a name derived from the object (a schedule's, from
 * the object and what the event is about, such as the run), so a second reconcile of the same
 * transition (a stale cache, a retry) finds it there and records nothing, and the caller counts
 * its metrics only once.
 */
public final class Events {

  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  public enum Reason {
    Queued(true, false),
    Started(true, false),
    Completed(true, false),
    Failed(true, true),
    /** Point-in-time recovery was turned off outside the operator, and turned on again. */
    PitrReenabled(false, true),
    /** Of a schedule, as the following: once per run, or per chain, named by it. */
    RunCreated(true, false),
    /** A failed run was created again over the same window or time. */
    RunRetried(true, true),
    RetentionRemoved(true, false),
    /** The restorable window moved past the chain's end, or a hole in it is in the way. */
    ChainBroken(true, true),
    /** A new chain started with a new full export (rebaseOnGap). */
    ChainRebased(true, false),
    CompactionCreated(true, false),
    CompactionCompleted(true, false);

    private final boolean once;
    private final boolean warning;

    Reason(boolean once, boolean warning) {
      this.once = once;
      this.warning = warning;
    }
  }

  /** Room for the name part of an event's name: at most 253 with the uid and reason. */
  private static final int NAME_PART = 200;
  private static final int MAX_NAME = 253;

  private final Clock clock;

  public Events(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records an event; an event that cannot be written is logged, never fails what it is about.
   *
   * @return false when the event happens once and was recorded before
   */
  public boolean record(KubernetesClient client, HasMetadata resource, Reason reason, String message) {
    return write(client, resource, reason, reason.once ? onceName(resource, reason) : null,
        message);
  }

  /**
   * Records an event that happens once per {@code subject} of the resource, such as a schedule's
   * run: a name part of lowercase letters, digits, dots and dashes.
   *
   * @return false when it was recorded before
   */
  public boolean record(KubernetesClient client, HasMetadata resource, Reason reason,
      String subject, String message) {
    var name = onceName(resource, reason) + "." + subject;
    if (name.length() > MAX_NAME) {
      name = name.substring(0, MAX_NAME).replaceAll("[.-]+$", "");
    }
    return write(client, resource, reason, name, message);
  }

  /** @param name null for a generated one: the event may happen again */
  private boolean write(KubernetesClient client, HasMetadata resource, Reason reason,
      String name, String message) {
    var metadata = resource.getMetadata();
    var now = clock.instant().toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(name)
            .withGenerateName(reason.once ? null : metadata.getName() + "-")
            .withNamespace(metadata.getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(resource.getApiVersion())
            .withKind(resource.getKind())
            .withName(metadata.getName())
            .withNamespace(metadata.getNamespace())
            .withUid(metadata.getUid())
            .build())
        .withReason(reason.name())
        .withMessage(message)
        .withType(reason.warning ? "Warning" : "Normal")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent("tableexport-operator").endSource()
        .build();
    try {
      client.v1().events().inNamespace(metadata.getNamespace()).resource(event).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 && name != null) {
        return false;
      }
      LOG.warn("Could not record event {} for {}: {}", reason.name().toLowerCase(Locale.ROOT),
          metadata.getName(), e.getMessage());
      return true;
    }
  }

  /** NAME.UID8.REASON: an object created again under its name has another uid. */
  static String onceName(HasMetadata resource, Reason reason) {
    var name = resource.getMetadata().getName();
    var base = name.length() > NAME_PART ? name.substring(0, NAME_PART).replaceAll("[.-]+$", "") : name;
    return base + "." + resource.getMetadata().getUid().substring(0, 8) + "."
        + reason.name().toLowerCase(Locale.ROOT);
  }
}
