package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final String SERVICE = Chart.RELEASE + "-metrics";

  @Test
  void aServiceInFrontOfTheHttpPortAndNoServiceMonitorByDefault() {
    var manifests = Chart.render("");
    var service = manifests.get("Service", Chart.NAMESPACE, SERVICE);

    assertEquals("ClusterIP", service.at("/spec/type").asText());
    assertEquals("http-metrics", service.at("/spec/ports/0/name").asText());
    assertEquals(8080, service.at("/spec/ports/0/port").asInt());
    assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
    var podLabels = manifests.get("Deployment", Chart.NAMESPACE, Chart.RELEASE)
        .at("/spec/template/metadata/labels");
    service.at("/spec/selector").properties().forEach(label ->
        assertEquals(label.getValue(), podLabels.get(label.getKey()), label.getKey()));
    assertEquals(List.of(), manifests.all("ServiceMonitor"));
  }

  @Test
  void aServiceMonitorScrapesTheService() {
    var manifests = Chart.render("""
        metrics:
          service: {port: 9100}
          serviceMonitor:
            enabled: true
            interval: 1m
            scrapeTimeout: 10s
            labels: {release: prometheus}
        """);
    var service = manifests.get("Service", Chart.NAMESPACE, SERVICE);
    var monitor = manifests.get("ServiceMonitor", Chart.NAMESPACE, Chart.RELEASE);

    assertEquals("monitoring.coreos.com/v1", monitor.get("apiVersion").asText());
    assertEquals("prometheus", monitor.at("/metadata/labels/release").asText());
    var serviceLabels = service.at("/metadata/labels");
    monitor.at("/spec/selector/matchLabels").properties().forEach(label ->
        assertEquals(label.getValue(), serviceLabels.get(label.getKey()), label.getKey()));
    assertEquals("[\"" + Chart.NAMESPACE + "\"]",
        monitor.at("/spec/namespaceSelector/matchNames").toString());
    assertEquals(9100, service.at("/spec/ports/0/port").asInt());
    var endpoint = monitor.at("/spec/endpoints/0");
    assertEquals("http-metrics", endpoint.get("port").asText());
    assertEquals("/metrics", endpoint.get("path").asText());
    assertEquals("1m", endpoint.get("interval").asText());
    assertEquals("10s", endpoint.get("scrapeTimeout").asText());
  }

  @Test
  void noServiceWhenDisabled() {
    assertEquals(List.of(), Chart.render("metrics: {service: {enabled: false}}").all("Service"));
  }
}
