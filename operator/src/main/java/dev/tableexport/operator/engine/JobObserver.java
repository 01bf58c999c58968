package dev.tableexport.operator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.operator.runner.RunnerPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Maps an export Job and its pods to where the export stands. Pure: no API calls. */
final class JobObserver {

  sealed interface Outcome {}

  record Running(String progress) implements Outcome {}

  record Completed(ExportDescription description) implements Outcome {}

  record Failed(ExportFailure failure, ExportDescription description) implements Outcome {}

  private JobObserver() {}

  static Outcome observe(Job job, List<Pod> pods) {
    var name = job.getMetadata().getName();
    var messages = messages(pods);
    var results = messages.stream().map(JobObserver::parse).flatMap(Optional::stream).toList();
    var message = messages.stream().findFirst();
    if (condition(job, "Complete")) {
      return whole(results).<Outcome>map(Completed::new)
          .orElseGet(() -> new Failed(new ExportFailure(FailureCodes.INTERNAL_ERROR,
              results.stream().anyMatch(result -> result.worker() != null)
                  ? "Job " + name + " succeeded, but no pod's result says it wrote the manifests"
                      + " (" + results.size() + " pods reported their part only). The export's"
                      + " files are under its S3 prefix. Create the export again to complete it"
                  : "Job " + name + " succeeded, so the runner exported, but its result could not"
                      + " be read: " + unreadable(message) + ". The export's files are under its"
                      + " S3 prefix; the runner writes its result within 4,096 bytes, so this"
                      + " runner is older or another program wrote the message. Create the export"
                      + " again to record a result"), null));
    }
    var failure = results.stream().map(ExportResult::exportDescription)
        .filter(description -> description.failureCode() != null).findFirst();
    if (condition(job, "Failed")) {
      if (failure.isPresent()) {
        var description = failure.get();
        return new Failed(new ExportFailure(description.failureCode(), description.failureMessage()), description);
      }
      var reason = job.getStatus().getConditions().stream()
          .filter(c -> "Failed".equals(c.getType())).findFirst()
          .map(c -> c.getReason() + ": " + c.getMessage()).orElse("unknown");
      return new Failed(new ExportFailure(FailureCodes.INTERNAL_ERROR, "Job " + name
          + " failed without an export result (" + reason + "; " + unreadable(message)
          + "); see its pods' logs"), null);
    }
    var stuck = RunnerPods.stuck(pods, RunnerPods.CANNOT_START);
    if (stuck.isPresent()) {
      return new Failed(new ExportFailure(FailureCodes.RUNNER_CANNOT_START, "The runner " + stuck.get()
          + ". Check the runner image and its configuration, then create the export again."), null);
    }
    var active = job.getStatus() == null || job.getStatus().getActive() == null ? 0 : job.getStatus().getActive();
    return new Running(active > 0 ? "Job " + name + " is exporting" : "Job " + name + " is starting");
  }

  private static boolean condition(Job job, String type) {
    return job.getStatus() != null && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** What the pod's termination message held instead of a result. */
  private static String unreadable(Optional<String> message) {
    if (message.isEmpty()) {
      return "its pod has no termination message";
    }
    int bytes = message.get().getBytes(StandardCharsets.UTF_8).length;
    return "its pod's termination message (" + bytes + " bytes"
        + (bytes >= ExportResult.TERMINATION_MESSAGE_MAX_BYTES ? ", cut by the kubelet at 4,096" : "")
        + ") is not an export result";
  }

  /** The termination messages of the finished pods, newest first. */
  private static List<String> messages(List<Pod> pods) {
    return pods.stream()
        .filter(pod -> pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null)
        .sorted(Comparator.comparing((Pod pod) -> pod.getMetadata().getCreationTimestamp(),
            Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
        .flatMap(pod -> pod.getStatus().getContainerStatuses().stream())
        .map(status -> status.getState() == null ? null : status.getState().getTerminated())
        .filter(terminated -> terminated != null && terminated.getMessage() != null)
        .map(terminated -> terminated.getMessage())
        .toList();
  }

  /**
   * The completed export's result: the runner's, or for a split export (an Indexed Job) the one
   * of a pod that wrote or found the manifests; the others describe their pod's part only.
   */
  private static Optional<ExportDescription> whole(List<ExportResult> results) {
    return results.stream().filter(ExportResult::describesWholeExport)
        .map(ExportResult::exportDescription).filter(ExportDescription::completed).findFirst();
  }

  private static Optional<ExportResult> parse(String message) {
    try {
      return Optional.ofNullable(ExportResult.parse(message))
          .filter(result -> result.exportDescription() != null);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
