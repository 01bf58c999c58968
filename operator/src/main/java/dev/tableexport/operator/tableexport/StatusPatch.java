package dev.tableexport.operator.tableexport;

import dev.tableexport.operator.api.WithConditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How both reconcilers write status: a fresh object of the kind holding only name, namespace and
 * status, as JOSDK's samples do. With server-side apply it carries no resourceVersion, so a
 * reconcile of a stale cached object is not refused with 409 and repeated; JOSDK caches what the
 * server answers, so the next reconcile sees it.
 */
public final class StatusPatch {

  /** A reconcile that keeps failing after JOSDK's retries is looked at again this often. */
  static final Duration ERROR_RECHECK = Duration.ofMinutes(5);
  /** A condition's message stays short enough to read in kubectl describe. */
  private static final int MAX_ERROR_MESSAGE = 1024;

  private StatusPatch() {}

  /** Patches the resource's status; an earlier reconcile's error condition is dropped. */
  public static <S extends WithConditions, P extends CustomResource<?, S>> UpdateControl<P> of(
      P resource) {
    return UpdateControl.patchStatus(fresh(resource));
  }

  /**
   * What a successful reconcile returns: its own update, and a patch that drops an earlier
   * reconcile's error condition when it would write nothing.
   */
  public static <S extends WithConditions, P extends CustomResource<?, S>>
      UpdateControl<P> clearingError(P resource, UpdateControl<P> control) {
    var status = resource.getStatus();
    if (!control.isNoUpdate() || status == null
        || !Conditions.isTrue(status.getConditions(), Conditions.RECONCILE_ERROR)) {
      return control;
    }
    var patch = of(resource);
    control.getScheduleDelay().ifPresent(patch::rescheduleAfter);
    return patch;
  }

  /**
   * The resource as the server has it now, else (unreachable, or gone) as given: an error is
   * written on the server's status, not on the copy the failed reconcile began with, which may be
   * older than what an earlier reconcile wrote (an export's end) and would undo it.
   */
  public static <P extends HasMetadata> P latest(KubernetesClient client, P resource) {
    try {
      var current = client.resource(resource).get();
      return current == null ? resource : current;
    } catch (KubernetesClientException e) {
      return resource;
    }
  }

  /**
   * JOSDK's error status handler for both kinds: the exception as the ReconcileError condition,
   * retried with JOSDK's backoff, and after its last attempt every few minutes. A reconcile
   * interrupted because the operator stops is no error of the resource: nothing is written (the
   * write would be interrupted too), and the next leader reconciles it again.
   */
  public static <S extends WithConditions, P extends CustomResource<?, S>>
      ErrorStatusUpdateControl<P> error(
      P resource, Supplier<S> newStatus, Optional<RetryInfo> retry, Exception error, Clock clock) {
    if (interrupted(error)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    var status = resource.getStatus() == null ? newStatus.get() : resource.getStatus();
    var generation = resource.getMetadata().getGeneration() == null
        ? 0 : resource.getMetadata().getGeneration();
    var attempt = retry.map(RetryInfo::getAttemptCount).orElse(1);
    boolean last = retry.map(RetryInfo::isLastAttempt).orElse(false);
    var message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
    if (message.length() > MAX_ERROR_MESSAGE) {
      message = message.substring(0, MAX_ERROR_MESSAGE) + "...";
    }
    message += " (attempt " + attempt + "; retried "
        + (last ? "every " + ERROR_RECHECK.toMinutes() + " minutes" : "with backoff")
        + "; see the operator's log)";
    status.setConditions(Conditions.set(status.getConditions(), Conditions.RECONCILE_ERROR, true,
        error.getClass().getSimpleName(), message, generation, clock.instant()));
    resource.setStatus(status);
    var control = ErrorStatusUpdateControl.patchStatus(withStatus(resource, status));
    return last ? control.rescheduleAfter(ERROR_RECHECK) : control;
  }

  private static boolean interrupted(Throwable error) {
    for (var cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  /** Name, namespace and status only; the status without a ReconcileError condition. */
  static <S extends WithConditions, P extends CustomResource<?, S>> P fresh(P resource) {
    var status = resource.getStatus();
    if (status != null) {
      status.setConditions(Conditions.without(status.getConditions(), Conditions.RECONCILE_ERROR));
    }
    return withStatus(resource, status);
  }

  @SuppressWarnings("unchecked")
  private static <S, P extends CustomResource<?, S>> P withStatus(P resource, S status) {
    try {
      var fresh = (P) resource.getClass().getDeclaredConstructor().newInstance();
      fresh.setMetadata(new ObjectMetaBuilder()
          .withName(resource.getMetadata().getName())
          .withNamespace(resource.getMetadata().getNamespace())
          .build());
      fresh.setStatus(status);
      return fresh;
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException(
          "A custom resource class has a public no-argument constructor", e);
    }
  }
}
