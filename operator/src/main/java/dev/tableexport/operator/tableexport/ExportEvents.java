package dev.tableexport.operator.tableexport;

import dev.tableexport.operator.api.TableExport;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The events `kubectl describe tableexport` shows: Queued, Started, Completed, Failed. */
final class ExportEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ExportEvents.class);

  enum Reason {
    Queued,
    Started,
    Completed,
    Failed
  }

  private final Clock clock;

  ExportEvents(Clock clock) {
    this.clock = clock;
  }

  /** Records an event; an event that cannot be written is logged, never fails the export. */
  void record(KubernetesClient client, TableExport export, Reason reason, String message) {
    var metadata = export.getMetadata();
    var now = clock.instant().toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withGenerateName(metadata.getName() + "-")
            .withNamespace(metadata.getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(export.getApiVersion())
            .withKind(export.getKind())
            .withName(metadata.getName())
            .withNamespace(metadata.getNamespace())
            .withUid(metadata.getUid())
            .build())
        .withReason(reason.name())
        .withMessage(message)
        .withType(reason == Reason.Failed ? "Warning" : "Normal")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent("tableexport-operator").endSource()
        .build();
    try {
      client.v1().events().inNamespace(metadata.getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("Could not record event {} for export {}: {}", reason.name().toLowerCase(Locale.ROOT),
          metadata.getName(), e.getMessage());
    }
  }
}
