package dev.tableexport.operator.observability;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operator's Prometheus metrics, in the text exposition format: exports by outcome, their
 * durations, items and bytes exported, the queue's length, and each recorder's lag.
 */
public final class OperatorMetrics {

  private final LongAdder started = new LongAdder();
  private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();
  private final LongAdder durationMillis = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final AtomicLong queued = new AtomicLong();
  private final Map<String, Long> recorderLagSeconds = new ConcurrentHashMap<>();

  public void exportStarted() {
    started.increment();
  }

  /** @param outcome COMPLETED or FAILED */
  public void exportEnded(String outcome, Duration duration, long itemCount, long byteCount) {
    ended.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    durationMillis.add(duration.toMillis());
    items.add(itemCount);
    bytes.add(byteCount);
  }

  public void queueLength(long length) {
    queued.set(length);
  }

  /** @param backup namespace/name of a ContinuousBackup */
  public void recorderLag(String backup, long seconds) {
    recorderLagSeconds.put(backup, seconds);
  }

  public String scrape() {
    var text = new StringBuilder();
    metric(text, "tableexport_exports_started_total", "counter", "Exports whose Job was created.");
    text.append("tableexport_exports_started_total ").append(started.sum()).append('\n');
    metric(text, "tableexport_exports_total", "counter", "Exports that ended, by outcome.");
    new TreeMap<>(ended).forEach((outcome, count) -> text.append("tableexport_exports_total{status=\"")
        .append(outcome).append("\"} ").append(count.sum()).append('\n'));
    metric(text, "tableexport_export_duration_seconds_sum", "counter", "Total time of ended exports.");
    text.append("tableexport_export_duration_seconds_sum ").append(durationMillis.sum() / 1000.0).append('\n');
    metric(text, "tableexport_exported_items_total", "counter", "Items in completed exports.");
    text.append("tableexport_exported_items_total ").append(items.sum()).append('\n');
    metric(text, "tableexport_exported_bytes_total", "counter", "Billed bytes of completed exports.");
    text.append("tableexport_exported_bytes_total ").append(bytes.sum()).append('\n');
    metric(text, "tableexport_queued_exports", "gauge", "Exports waiting for a free place.");
    text.append("tableexport_queued_exports ").append(queued.get()).append('\n');
    metric(text, "tableexport_recorder_lag_seconds", "gauge", "How far each recorder is behind its stream.");
    new TreeMap<>(recorderLagSeconds).forEach((backup, lag) -> {
      var parts = backup.split("/", 2);
      text.append("tableexport_recorder_lag_seconds{namespace=\"").append(parts[0])
          .append("\",continuousbackup=\"").append(parts[1]).append("\"} ").append(lag).append('\n');
    });
    return text.toString();
  }

  private static void metric(StringBuilder text, String name, String type, String help) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }
}
