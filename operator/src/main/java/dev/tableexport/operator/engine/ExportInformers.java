package dev.tableexport.operator.engine;

import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.runner.RunnerPods;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/**
 * What the TableExport reconciler reads from informer caches instead of the API server: the
 * ContinuousBackups of an export's namespace (a waiting export looks every few seconds), its
 * Job and the Job's pods, only the operator's own.
 */
public final class ExportInformers {

  private ExportInformers() {}

  /** The informers of the TableExport reconciler. */
  public static List<EventSource<?, TableExport>> eventSources(
      EventSourceContext<TableExport> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Job.class, TableExport.class)
            .withLabelSelector(RunnerPods.MANAGED_BY_SELECTOR)
            .build(), context),
        RunnerPods.eventSource(ExportJobBuilder.APP, TableExport.class, context),
        // A backup's change needs no export reconciled: they are read when an export starts.
        new InformerEventSource<>(InformerEventSourceConfiguration
            .from(ContinuousBackup.class, TableExport.class)
            .withSecondaryToPrimaryMapper(backup -> Set.of())
            .build(), context));
  }

  /** The ContinuousBackups in the export's namespace, from the cache. */
  public static List<ContinuousBackup> backups(TableExport export, Context<TableExport> context) {
    var source = (InformerEventSource<ContinuousBackup, TableExport>)
        context.eventSourceRetriever().getEventSourceFor(ContinuousBackup.class);
    return source.list(export.getMetadata().getNamespace(), backup -> true).toList();
  }
}
