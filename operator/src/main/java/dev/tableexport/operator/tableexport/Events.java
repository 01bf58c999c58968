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
 * ContinuousBackup, PitrReenabled.
 */
public final class Events {

  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  public enum Reason {
    Queued,
    Started,
    Completed,
    Failed,
    /** Point-in-time recovery was turned off outside the operator, and turned on again. */
    PitrReenabled
  }

  private final Clock clock;

  public Events(Clock clock) {
    this.clock = clock;
  }

  /** Records an event; an event that cannot be written is logged, never fails what it is about. */
  public void record(KubernetesClient client, HasMetadata resource, Reason reason, String message) {
    var metadata = resource.getMetadata();
    var now = clock.instant().toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withGenerateName(metadata.getName() + "-")
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
    } catch (KubernetesClientException e) {
      LOG.warn("Could not record event {} for {}: {}", reason.name().toLowerCase(Locale.ROOT),
          metadata.getName(), e.getMessage());
    }
  }
}
