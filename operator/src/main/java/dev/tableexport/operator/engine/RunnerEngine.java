package dev.tableexport.operator.engine;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Our own export: a runner Job that reads the table through its ContinuousBackup. */
public final class RunnerEngine implements ExportEngine {

  private static final Duration POD_RECHECK = Duration.ofSeconds(15);
  /** The label the Job controller puts on a Job's pods. */
  private static final String JOB_NAME_LABEL = "job-name";

  private final ExportJobBuilder jobs;
  private final RunnerAccountCheck runnerAccount;

  public RunnerEngine(OperatorConfig config) {
    this.jobs = new ExportJobBuilder(config);
    this.runnerAccount = new RunnerAccountCheck(config.runnerServiceAccount());
  }

  @Override
  public Engine kind() {
    return Engine.Runner;
  }

  @Override
  public Optional<ExportFailure> check(TableExport export, List<ContinuousBackup> backups) {
    if (export.getSpec().getCompactionOf() != null) {
      return Optional.empty(); // it reads only S3, never the table
    }
    return PitrCheck.check(export.getSpec(), PitrCheck.backupFor(export.getSpec(), backups));
  }

  @Override
  public EngineOutcome start(TableExport export, TableExportStatus status, List<ContinuousBackup> backups,
      TableSize size, Context<TableExport> context) {
    var client = context.getClient();
    var missingAccount = runnerAccount.check(client, export.getMetadata().getNamespace());
    if (missingAccount.isPresent()) {
      return new EngineOutcome.Failed(missingAccount.get(), null);
    }
    if (status.getExportArn() == null) {
      status.setExportArn(export.getSpec().getTableArn() + "/export/" + exportId(export));
    }
    var backup = export.getSpec().getCompactionOf() != null ? null
        : PitrCheck.backupFor(export.getSpec(), backups).orElseThrow();
    var job = jobs.build(export, status.getExportArn(), backup, size);
    boolean created = createOnce(client, job);
    status.setJobName(job.getMetadata().getName());
    int pods = export.getSpec().parallelismOrOne();
    return new EngineOutcome.Started(created, "in Job " + job.getMetadata().getName()
        + (pods > 1 ? ", split across " + pods + " pods" : ""), POD_RECHECK);
  }

  /**
   * Started again, with the same ExportArn, when its Job is gone (deleted while it ran); with the
   * table's size unknown, as a long run.
   */
  @Override
  public EngineOutcome observe(TableExport export, Context<TableExport> context) {
    var client = context.getClient();
    var job = context.getSecondaryResource(Job.class).or(() -> jobOnServer(export, client));
    if (job.isEmpty()) {
      var backups = ExportInformers.backups(export, context);
      return check(export, backups)
          .<EngineOutcome>map(failure -> new EngineOutcome.Failed(failure, null))
          .orElseGet(() -> start(export, export.getStatus(), backups, null, context));
    }
    return switch (JobObserver.observe(job.get(), pods(job.get(), context))) {
      case JobObserver.Completed completed -> new EngineOutcome.Completed(completed.description());
      case JobObserver.Failed failed -> {
        if (FailureCodes.RUNNER_CANNOT_START.equals(failed.failure().code())) {
          suspend(client, job.get());
        }
        yield new EngineOutcome.Failed(failed.failure(), failed.description());
      }
      case JobObserver.Running running -> new EngineOutcome.Running(running.progress(), POD_RECHECK);
    };
  }

  /**
   * The export's Job as the server has it, when the cache has none: the cache may not have seen a
   * Job just created, and is emptied while the operator stops.
   */
  private static Optional<Job> jobOnServer(TableExport export, KubernetesClient client) {
    var name = export.getStatus().getJobName();
    return name == null ? Optional.empty() : Optional.ofNullable(client.batch().v1().jobs()
        .inNamespace(export.getMetadata().getNamespace()).withName(name).get());
  }

  /**
   * The Job's pods from the informer's cache; listed only while the cache has none, as when the
   * Job has just started, or has ended and the pods' informer has not caught up with the Job's.
   */
  private static List<Pod> pods(Job job, Context<TableExport> context) {
    var name = job.getMetadata().getName();
    var cached = context.getSecondaryResourcesAsStream(Pod.class)
        .filter(pod -> pod.getMetadata().getLabels() != null
            && name.equals(pod.getMetadata().getLabels().get(JOB_NAME_LABEL)))
        .toList();
    if (!cached.isEmpty()) {
      return cached;
    }
    return context.getClient().pods().inNamespace(job.getMetadata().getNamespace())
        .withLabel(JOB_NAME_LABEL, name).list().getItems();
  }

  /**
   * Its pod would go on trying until the Job's deadline. Suspended, not deleted: a missing Job
   * means one to create again. A merge patch without a resourceVersion: the Job controller
   * updates the Job all the while, and an edit of a copy it has changed since is refused (409).
   */
  private static void suspend(KubernetesClient client, Job job) {
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return;
    }
    client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
  }

  /**
   * Creates the Job unless it exists (its name is the export's, so there is never a second);
   * returns whether this call created it.
   */
  private static boolean createOnce(KubernetesClient client, Job job) {
    var jobs = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace());
    if (jobs.withName(job.getMetadata().getName()).get() != null) {
      return false;
    }
    try {
      jobs.resource(job).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return false;
    }
  }

  /**
   * As DynamoDB forms them, 14-digit epoch milliseconds, a dash, 8 hex characters, but derived
   * from the object (its creation time and uid), so that an operator restarted before it wrote the
   * status assigns the same ExportArn as the Job it already created.
   */
  static String exportId(TableExport export) {
    var created = Instant.parse(export.getMetadata().getCreationTimestamp());
    var uid = export.getMetadata().getUid().replace("-", "");
    return String.format(Locale.ROOT, "%014d-%s", created.toEpochMilli(), uid.substring(0, 8));
  }
}
