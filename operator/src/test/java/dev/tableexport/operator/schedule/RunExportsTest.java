package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.ExportViewType;
import dev.tableexport.operator.api.RunnerResources;
import dev.tableexport.operator.api.S3SseAlgorithm;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportScheduleSpec;
import dev.tableexport.operator.api.TableExportTemplate;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunExportsTest {

  @Test
  void everyTemplateParameterReachesTheRunsSpec() {
    var template = new TableExportTemplate();
    template.setTableArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    template.setS3Bucket("exports");
    template.setS3Prefix("nightly");
    template.setS3BucketOwner("123456789012");
    template.setS3SseAlgorithm(S3SseAlgorithm.KMS);
    template.setS3SseKmsKeyId("alias/exports");
    template.setExportFormat(ExportFormat.ION);
    template.setEngine(Engine.Runner);
    template.setResources(new RunnerResources(Map.of("cpu", new Quantity("2")),
        Map.of("memory", new Quantity("4Gi"))));
    template.setExportViewType(ExportViewType.NEW_IMAGE);

    var full = RunExports.spec(schedule(template), ExportType.FULL_EXPORT);
    var link = RunExports.spec(schedule(template), ExportType.INCREMENTAL_EXPORT);

    for (var run : List.of(full, link)) {
      assertEquals(template.getTableArn(), run.getTableArn());
      assertEquals("exports", run.getS3Bucket());
      assertEquals("nightly", run.getS3Prefix());
      assertEquals("123456789012", run.getS3BucketOwner());
      assertEquals(S3SseAlgorithm.KMS, run.getS3SseAlgorithm());
      assertEquals("alias/exports", run.getS3SseKmsKeyId());
      assertEquals(ExportFormat.ION, run.getExportFormat());
      assertEquals(Engine.Runner, run.getEngine());
      assertEquals(template.getResources(), run.getResources());
    }
    assertNull(full.getIncrementalExportSpecification());
    assertEquals(ExportViewType.NEW_IMAGE,
        link.getIncrementalExportSpecification().getExportViewType());
  }

  private static TableExportSchedule schedule(TableExportTemplate template) {
    var spec = new TableExportScheduleSpec();
    spec.setTemplate(template);
    var schedule = new TableExportSchedule();
    schedule.setSpec(spec);
    return schedule;
  }
}
