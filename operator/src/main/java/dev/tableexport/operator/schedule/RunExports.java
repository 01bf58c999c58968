package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.CompactionOf;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.IncrementalExportSpecification;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.runner.RunnerPods;
import dev.tableexport.operator.schedule.ScheduleRun.Kind;
import java.util.LinkedHashMap;

/** The TableExport of a run: the schedule's template, the run's times, owned by the schedule. */
final class RunExports {

  private RunExports() {}

  /** The spec every run of the schedule shares, without times. */
  static TableExportSpec spec(TableExportSchedule schedule, ExportType type) {
    var template = schedule.getSpec().getTemplate();
    var spec = new TableExportSpec();
    spec.copyParameters(template);
    spec.setExportType(type);
    if (type == ExportType.INCREMENTAL_EXPORT) {
      var window = new IncrementalExportSpecification();
      window.setExportViewType(template.getExportViewType());
      spec.setIncrementalExportSpecification(window);
    }
    return spec;
  }

  static TableExport of(TableExportSchedule schedule, RunRequest run) {
    var link = run.kind() == Kind.LINK;
    var spec = spec(schedule, link ? ExportType.INCREMENTAL_EXPORT : ExportType.FULL_EXPORT);
    if (link) {
      spec.getIncrementalExportSpecification().setExportFromTime(run.from().toString());
      spec.getIncrementalExportSpecification().setExportToTime(run.to().toString());
    } else if (run.exportTime() != null) {
      spec.setExportTime(run.exportTime().toString());
    }
    var name = schedule.getMetadata().getName();
    var labels = new LinkedHashMap<String, String>();
    labels.put(ScheduleRun.SCHEDULE_LABEL, name);
    if (run.kind() == Kind.COMPACTION) {
      var compaction = new CompactionOf();
      compaction.setManifests(run.manifests());
      spec.setCompactionOf(compaction);
      spec.setParallelism(null);
      labels.put(ScheduleRun.COMPACTION_LABEL, "true");
    }
    var export = new TableExport();
    export.setMetadata(RunnerPods.ownedBy(schedule, run.name(name), labels));
    var annotations = new LinkedHashMap<String, String>();
    annotations.put(ScheduleRun.KIND, run.kind().name());
    annotations.put(ScheduleRun.ATTEMPT, Integer.toString(run.attempt()));
    if (run.kind() != Kind.FULL) {
      annotations.put(ScheduleRun.CHAIN, Integer.toString(run.chain()));
    }
    if (run.scheduledTime() != null) {
      annotations.put(ScheduleRun.SCHEDULED_TIME, run.scheduledTime().toString());
    }
    export.getMetadata().setAnnotations(annotations);
    export.setSpec(spec);
    return export;
  }
}
