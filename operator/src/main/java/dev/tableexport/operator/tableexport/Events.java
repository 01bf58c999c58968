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
 * ContinuousBackup, PitrReenabled. A TableExport's events happen once: each has a name derived
 * from the object, so a second reconcile of the same transition (a stale cache, a retry) finds it
 * there and records nothing, and the caller counts its metrics only once.
 */
public final class Events {

  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  public enum Reason {
    Queued(true),
    Started(true),
    Completed(true),
    Failed(true),
    /** Point-in-time recovery was turned off outside the operator, and turned on again. */
    PitrReenabled(false);

    private final boolean once;

    Reason(boolean once) {
      this.once = once;
    }
  }

  /** Room for the name part of an event's name: at most 253 with the uid and reason. */
  private static final int NAME_PART = 200;

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
    var metadata = resource.getMetadata();
    var now = clock.instant().toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(reason.once ? onceName(resource, reason) : null)
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
        .withType(reason == Reason.Failed || reason == Reason.PitrReenabled ? "Warning" : "Normal")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent("tableexport-operator").endSource()
        .build();
    try {
      client.v1().events().inNamespace(metadata.getNamespace()).resource(event).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 && reason.once) {
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
