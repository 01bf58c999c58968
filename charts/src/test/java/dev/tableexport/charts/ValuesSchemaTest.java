package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** values.schema.json makes Helm refuse a mistake before anything reaches the cluster. */
class ValuesSchemaTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      watchNamespace: [a]                      | additional properties 'watchNamespace' not allowed
      historyRetention: 90 days                | /historyRetention
      minIncrementalWindow: PT                 | /minIncrementalWindow
      runner: {jobActiveDeadline: P1W}         | /runner/jobActiveDeadline
      runner: {jobBackoffLimit: -1}            | /runner/jobBackoffLimit
      runner: {tuning: {readTimeout: 5m}}      | /runner/tuning/readTimeout
      runner: {tuning: {scanThreads: 65}}      | /runner/tuning/scanThreads
      runner: {tuning: {retries: 3}}           | /runner/tuning
      runner: {resources: {limit: {}}}         | /runner/resources
      runner: {image: {tag: 1.0, digest: x}}   | /runner/image
      maxConcurrentExports: 0                  | /maxConcurrentExports
      httpPort: "8080"                         | /httpPort
      serverSideApply: "yes"                   | /serverSideApply
      watchNamespaces: [Exports]               | /watchNamespaces/0
      image: {pullPolicy: Sometimes}           | /image/pullPolicy
      aws: {endpoints: {s3: minio:9000}}       | /aws/endpoints/s3
      aws: {credentials: {accessKey: x}}       | /aws/credentials
      metrics: {serviceMonitor: {interval: 30}}| /metrics/serviceMonitor/interval
      """)
  void refusesAMistake(String values, String where) {
    var error = assertThrows(IllegalStateException.class, () -> Chart.template(values));

    assertTrue(error.getMessage().contains("values don't meet the specifications of the schema"),
        error.getMessage());
    assertTrue(error.getMessage().contains(where), error.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"P90D", "PT12H", "PT1H30M", "P1DT12H", "PT0.5S", "PT45S", "none"})
  void takesTheDurationsJavaReadsAndNone(String duration) {
    var env = Chart.render("historyRetention: " + duration).env();

    assertEquals(duration, env.get("TABLEEXPORT_HISTORY_RETENTION"));
  }
}
