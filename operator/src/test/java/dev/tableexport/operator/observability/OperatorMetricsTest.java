package dev.tableexport.operator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  @Test
  void scrapeIsThePrometheusTextOfEveryFigure() {
    var metrics = new OperatorMetrics();
    metrics.exportStarted();
    metrics.exportStarted();
    metrics.exportEnded("COMPLETED", Duration.ofMillis(1500), 10, 2000);
    metrics.exportEnded("FAILED", Duration.ofMillis(500), 0, 0);
    metrics.queueLength(3);
    metrics.recorderLag("ns/orders", 4);

    assertEquals("""
        # HELP tableexport_exports_started_total Exports whose Job was created.
        # TYPE tableexport_exports_started_total counter
        tableexport_exports_started_total 2
        # HELP tableexport_exports_total Exports that ended, by outcome.
        # TYPE tableexport_exports_total counter
        tableexport_exports_total{status="COMPLETED"} 1
        tableexport_exports_total{status="FAILED"} 1
        # HELP tableexport_export_duration_seconds_sum Total time of ended exports.
        # TYPE tableexport_export_duration_seconds_sum counter
        tableexport_export_duration_seconds_sum 2.0
        # HELP tableexport_exported_items_total Items in completed exports.
        # TYPE tableexport_exported_items_total counter
        tableexport_exported_items_total 10
        # HELP tableexport_exported_bytes_total Billed bytes of completed exports.
        # TYPE tableexport_exported_bytes_total counter
        tableexport_exported_bytes_total 2000
        # HELP tableexport_queued_exports Exports waiting for a free place.
        # TYPE tableexport_queued_exports gauge
        tableexport_queued_exports 3
        # HELP tableexport_recorder_lag_seconds How far each recorder is behind its stream.
        # TYPE tableexport_recorder_lag_seconds gauge
        tableexport_recorder_lag_seconds{namespace="ns",continuousbackup="orders"} 4
        """, metrics.scrape());
  }
}
