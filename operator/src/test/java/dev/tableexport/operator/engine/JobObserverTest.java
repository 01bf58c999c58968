package dev.tableexport.operator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.contract.ExportResult;
import dev.tableexport.contract.FailureCodes;
import dev.tableexport.contract.RunnerExitCodes;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobObserverTest {

  private static final String JOB = "orders-daily-export-0f3c2a1b";
  private static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final String EXPORT_ARN = TABLE_ARN + "/export/01768385930622-0f3c2a1b";

  @Test
  void aCompleteJobWithACompletedResultIsCompleted() {
    var description = completed(500L);

    var outcome =
        JobObserver.observe(
            job("Complete", "Completed", "Reached expected number of succeeded pods", 0),
            List.of(terminated("pod-a", "2026-01-14T10:00:00Z", 0, json(description))));

    assertEquals(new JobObserver.Completed(description), outcome);
  }

  @Test
  void aCompleteIndexedJobTakesTheResultOfThePodThatWroteTheManifests() {
    var whole = completed(2_000L);

    var outcome =
        JobObserver.observe(
            job("Complete", "Completed", "Reached expected number of succeeded pods", 0),
            List.of(
                terminated("pod-3", "2026-01-14T10:00:03Z", 0, worker(completed(490L), 3, false)),
                terminated("pod-1", "2026-01-14T10:00:01Z", 0, worker(whole, 1, true)),
                terminated("pod-0", "2026-01-14T10:00:00Z", 0, worker(completed(530L), 0, false))));

    assertEquals(new JobObserver.Completed(whole), outcome);
  }

  @Test
  void aCompleteIndexedJobWhosePodsAllReportPartsOnlyFailsClearly() {
    var outcome =
        JobObserver.observe(
            job("Complete", "Completed", null, 0),
            List.of(
                terminated("pod-1", "2026-01-14T10:00:01Z", 0, worker(completed(490L), 1, false)),
                terminated("pod-0", "2026-01-14T10:00:00Z", 0, worker(completed(530L), 0, false))));

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals(FailureCodes.INTERNAL_ERROR, failed.failure().code());
    assertTrue(failed.failure().message().contains("no pod's result says it wrote the manifests"),
        failed.failure().message());
  }

  @Test
  void aFailedIndexedJobFailsWithTheFailedPodsCodeThoughANewerPodCompletedItsPart() {
    var failure = failed("S3NoSuchBucket", "The specified bucket does not exist");

    var outcome =
        JobObserver.observe(
            job("Failed", "PodFailurePolicy", "Container export-runner exited with 1", 0),
            List.of(
                terminated("pod-1", "2026-01-14T10:00:05Z", 0, worker(completed(490L), 1, false)),
                terminated("pod-0", "2026-01-14T10:00:00Z", 1, worker(failure, 0, false))));

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals("S3NoSuchBucket", failed.failure().code());
  }

  @Test
  void aCompleteJobWithoutAResultFails() {
    var outcome =
        JobObserver.observe(
            job("Complete", "Completed", null, 0),
            List.of(terminated("pod-a", "2026-01-14T10:00:00Z", 0, null)));

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals(FailureCodes.INTERNAL_ERROR, failed.failure().code());
    assertTrue(failed.failure().message().contains("Job " + JOB), failed.failure().message());
    assertNull(failed.description());
  }

  @Test
  void aCompleteJobWithoutPodsFails() {
    var outcome = JobObserver.observe(job("Complete", "Completed", null, 0), List.of());

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals(FailureCodes.INTERNAL_ERROR, failed.failure().code());
    assertTrue(failed.failure().message().contains(JOB), failed.failure().message());
  }

  @Test
  void aResultCutByTheKubeletSaysSoInsteadOfAFailureOfTheExport() {
    var whole = json(completed(500L)) + " ".repeat(5_000);
    var cut = whole.substring(0, 10) + "x".repeat(4_086);

    var outcome =
        JobObserver.observe(
            job("Complete", "Completed", null, 0),
            List.of(terminated("pod-a", "2026-01-14T10:00:00Z", 0, cut)));

    var message = assertInstanceOf(JobObserver.Failed.class, outcome).failure().message();
    assertTrue(message.contains("succeeded, so the runner exported, but its result could not be read"),
        message);
    assertTrue(message.contains("4096 bytes, cut by the kubelet at 4,096"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"ExportDescription\": {", "{}", "null", "[]"})
  void aCompleteJobWithAnUnreadableResultFails(String message) {
    var outcome =
        JobObserver.observe(
            job("Complete", "Completed", null, 0),
            List.of(terminated("pod-a", "2026-01-14T10:00:00Z", 0, message)));

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals(FailureCodes.INTERNAL_ERROR, failed.failure().code());
    assertTrue(failed.failure().message().contains(JOB), failed.failure().message());
  }

  @Test
  void aFailedJobWithTheRunnersResultFailsWithItsCodeAndMessage() {
    var description = failed("S3NoSuchBucket", "The specified bucket does not exist");

    var outcome =
        JobObserver.observe(
            job("Failed", "PodFailurePolicy", "Container export-runner failed with exit code 1", 0),
            List.of(terminated("pod-a", "2026-01-14T10:00:00Z", 1, json(description))));

    assertEquals(
        new JobObserver.Failed(
            new ExportFailure("S3NoSuchBucket", "The specified bucket does not exist"),
            description),
        outcome);
  }

  @Test
  void aPodThatFailedTransientlyIsRetriedWhileTheJobRuns() {
    var transientFailure = failed(FailureCodes.S3_UNAVAILABLE, "S3 answered HTTP 503 SlowDown");

    var outcome = JobObserver.observe(job(null, null, null, 1),
        List.of(terminated("pod-a", "2026-01-14T10:00:00Z", RunnerExitCodes.TRANSIENT_FAILURE,
            json(transientFailure))));

    assertEquals(new JobObserver.Running("Job " + JOB + " is exporting"), outcome);
  }

  @Test
  void aJobOutOfRetriesFailsWithTheLastPodsTransientFailure() {
    var first = failed(FailureCodes.DYNAMODB_TIMEOUT, "DynamoDB did not answer");
    var last = failed(FailureCodes.S3_UNAVAILABLE, "S3 answered HTTP 503 SlowDown");

    var outcome = JobObserver.observe(
        job("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", 0),
        List.of(
            terminated("pod-a", "2026-01-14T10:00:00Z", RunnerExitCodes.TRANSIENT_FAILURE,
                json(first)),
            terminated("pod-b", "2026-01-14T10:05:00Z", RunnerExitCodes.TRANSIENT_FAILURE,
                json(last))));

    assertEquals(new JobObserver.Failed(
        new ExportFailure(FailureCodes.S3_UNAVAILABLE, "S3 answered HTTP 503 SlowDown"), last),
        outcome);
  }

  @Test
  void aFailedJobWithoutAResultFailsWithTheJobsReason() {
    var outcome =
        JobObserver.observe(
            job("Failed", "DeadlineExceeded", "Job was active longer than specified deadline", 0),
            List.of(terminated("pod-a", "2026-01-14T10:00:00Z", 137, "OOMKilled")));

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals(FailureCodes.INTERNAL_ERROR, failed.failure().code());
    var message = failed.failure().message();
    assertTrue(message.contains("Job " + JOB), message);
    assertTrue(message.contains("DeadlineExceeded"), message);
    assertTrue(message.contains("Job was active longer than specified deadline"), message);
    assertNull(failed.description());
  }

  @Test
  void theNewestPodsResultWins() {
    var older = terminated("pod-a", "2026-01-14T09:59:59Z", 0, json(completed(400L)));
    var newest = terminated("pod-b", "2026-01-14T10:05:00Z", 0, json(completed(500L)));
    var job = job("Complete", "Completed", null, 0);

    assertEquals(
        new JobObserver.Completed(completed(500L)),
        JobObserver.observe(job, List.of(older, newest)));
    assertEquals(
        new JobObserver.Completed(completed(500L)),
        JobObserver.observe(job, List.of(newest, older)));
  }

  @Test
  void theNewestPodsFailureWins() {
    var older =
        terminated("pod-a", "2026-01-14T10:00:00Z", 1, json(failed("S3AccessDenied", "no")));
    var newest =
        terminated("pod-b", "2026-01-14T10:01:00Z", 1, json(failed("S3NoSuchBucket", "gone")));
    var job = job("Failed", "PodFailurePolicy", "exit code 1", 0);

    for (var pods : List.of(List.of(older, newest), List.of(newest, older))) {
      var failed = assertInstanceOf(JobObserver.Failed.class, JobObserver.observe(job, pods));
      assertEquals(new ExportFailure("S3NoSuchBucket", "gone"), failed.failure());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError"})
  void aPodThatCannotStartFailsTheExport(String reason) {
    var pod = waiting("orders-daily-export-0f3c2a1b-x7k2p", reason, "secret \"aws\" not found");

    var outcome = JobObserver.observe(job(null, null, null, 1), List.of(pod));

    var failed = assertInstanceOf(JobObserver.Failed.class, outcome);
    assertEquals("RunnerCannotStart", failed.failure().code());
    var message = failed.failure().message();
    assertTrue(message.contains("orders-daily-export-0f3c2a1b-x7k2p"), message);
    assertTrue(message.contains(reason), message);
    assertTrue(message.contains("secret \"aws\" not found"), message);
    assertNull(failed.description());
  }

  @Test
  void aJobWithoutActivePodsIsStarting() {
    var creating = waiting("orders-daily-export-0f3c2a1b-x7k2p", "ContainerCreating", null);

    assertEquals(
        new JobObserver.Running("Job " + JOB + " is starting"),
        JobObserver.observe(job(null, null, null, 0), List.of()));
    assertEquals(
        new JobObserver.Running("Job " + JOB + " is starting"),
        JobObserver.observe(job(null, null, null, 0), List.of(creating)));
    assertEquals(
        new JobObserver.Running("Job " + JOB + " is starting"),
        JobObserver.observe(
            new JobBuilder().withNewMetadata().withName(JOB).endMetadata().build(), List.of()));
  }

  @Test
  void aJobWithAnActivePodIsExporting() {
    var running =
        new PodBuilder()
            .withNewMetadata()
            .withName("orders-daily-export-0f3c2a1b-x7k2p")
            .withCreationTimestamp("2026-01-14T10:00:00Z")
            .endMetadata()
            .withNewStatus()
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("export-runner")
                    .withState(
                        new ContainerStateBuilder()
                            .withNewRunning()
                            .withStartedAt("2026-01-14T10:00:05Z")
                            .endRunning()
                            .build())
                    .build())
            .endStatus()
            .build();

    assertEquals(
        new JobObserver.Running("Job " + JOB + " is exporting"),
        JobObserver.observe(job(null, null, null, 1), List.of(running)));
  }

  @Test
  void aConditionThatIsNotTrueDoesNotEndTheExport() {
    var job =
        new JobBuilder()
            .withNewMetadata()
            .withName(JOB)
            .endMetadata()
            .withStatus(
                new JobStatusBuilder()
                    .withActive(1)
                    .withConditions(
                        new JobConditionBuilder()
                            .withType("Failed")
                            .withStatus("False")
                            .withReason("Nothing")
                            .build())
                    .build())
            .build();

    assertEquals(
        new JobObserver.Running("Job " + JOB + " is exporting"),
        JobObserver.observe(job, List.of()));
  }

  private static Job job(String condition, String reason, String message, int active) {
    var status = new JobStatusBuilder().withActive(active == 0 ? null : active);
    if (condition != null) {
      status.withConditions(
          new JobConditionBuilder()
              .withType(condition)
              .withStatus("True")
              .withReason(reason)
              .withMessage(message)
              .build());
    }
    return new JobBuilder()
        .withNewMetadata()
        .withName(JOB)
        .withNamespace("data")
        .endMetadata()
        .withStatus(status.build())
        .build();
  }

  private static Pod terminated(String name, String created, int exitCode, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("data")
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("export-runner")
                .withState(
                    new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withMessage(message)
                        .endTerminated()
                        .build())
                .build())
        .endStatus()
        .build();
  }

  private static Pod waiting(String name, String reason, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("data")
        .withCreationTimestamp("2026-01-14T10:00:00Z")
        .endMetadata()
        .withNewStatus()
        .withPhase("Pending")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("export-runner")
                .withState(
                    new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                        .endWaiting()
                        .build())
                .build())
        .endStatus()
        .build();
  }

  private static String json(ExportDescription description) {
    return new ExportResult(description).toJson();
  }

  private static String worker(ExportDescription description, int index, boolean manifests) {
    return new ExportResult(description, new ExportResult.Worker(index, 4, manifests))
        .toTerminationMessage();
  }

  private static ExportDescription completed(long itemCount) {
    return description("COMPLETED", null, null, itemCount);
  }

  private static ExportDescription failed(String code, String message) {
    return description("FAILED", code, message, null);
  }

  private static ExportDescription description(
      String status, String failureCode, String failureMessage, Long itemCount) {
    return new ExportDescription(
        EXPORT_ARN,
        status,
        Instant.parse("2026-01-14T10:00:05.123Z"),
        Instant.parse("2026-01-14T10:02:40.456Z"),
        itemCount == null ? null : "AWSDynamoDB/01768385930622-0f3c2a1b/manifest-summary.json",
        TABLE_ARN,
        "8c1f0e4a-1b2c-4d3e-9f00-0123456789ab",
        Instant.parse("2026-01-14T10:00:00Z"),
        null,
        "exports",
        null,
        null,
        null,
        null,
        failureCode,
        failureMessage,
        "DYNAMODB_JSON",
        itemCount == null ? null : itemCount * 100,
        itemCount,
        "FULL_EXPORT",
        null);
  }
}
