package dev.tableexport.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server itself refuses what the CRDs forbid: one case per schema rule (required, enum,
 * pattern, length, range, format, CEL), for spec on create and for status through the status
 * subresource, an object without a spec, and an update of an immutable field.
 */
class SchemaRulesOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();
  private static final String TABLE_EXPORT = "TableExport";
  private static final String CONTINUOUS_BACKUP = "ContinuousBackup";
  private static final String SCHEDULE = "TableExportSchedule";
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final Map<String, String> VALID_SPECS =
      Map.of(
          TABLE_EXPORT, "{tableArn: '" + ARN + "', s3Bucket: exports}",
          CONTINUOUS_BACKUP, "{tableArn: '" + ARN + "', store: {bucket: backups}}",
          SCHEDULE,
              "{schedule: '*/15 * * * *', template: {tableArn: '" + ARN + "', s3Bucket: exports}}");
  private static final String WINDOW =
      "incrementalExportSpecification: {exportFromTime: '2026-01-14T10:00:00Z'}";
  private static String namespace;

  @BeforeAll
  static void installCrds() throws IOException {
    Crds.apply(CLUSTER.admin());
    namespace = CLUSTER.restrictedNamespace("schema-rules");
  }

  /** Kind, the spec fields to change (null removes one), and what the refusal says. */
  static Stream<Arguments> invalidSpecs() {
    var te = TABLE_EXPORT;
    var cb = CONTINUOUS_BACKUP;
    var longName = "a".repeat(1025);
    return Stream.of(
        Arguments.of(te, "{tableArn: null}", "spec.tableArn: Required value"),
        Arguments.of(
            te,
            "{tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:orders'}",
            "spec.tableArn in body should match"),
        Arguments.of(te, "{tableArn: '" + ARN + longName + "'}", "spec.tableArn: Too long"),
        Arguments.of(te, "{s3Bucket: null}", "spec.s3Bucket: Required value"),
        Arguments.of(te, "{s3Bucket: '-exports'}", "spec.s3Bucket in body should match"),
        Arguments.of(te, "{s3Bucket: " + "b".repeat(256) + "}", "spec.s3Bucket: Too long"),
        Arguments.of(te, "{s3BucketOwner: '12345'}", "spec.s3BucketOwner in body should match"),
        Arguments.of(te, "{s3Prefix: " + longName + "}", "spec.s3Prefix: Too long"),
        Arguments.of(te, "{clientToken: 'a$b'}", "spec.clientToken in body should match"),
        Arguments.of(te, "{exportFormat: CSV}", "spec.exportFormat: Unsupported value: \"CSV\""),
        Arguments.of(te, "{exportType: DELTA}", "spec.exportType: Unsupported value: \"DELTA\""),
        Arguments.of(
            te, "{exportTime: yesterday}", "spec.exportTime in body must be of type date-time"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT, incrementalExportSpecification: {exportToTime:"
                + " '2026-01-14T10:00:00Z'}}",
            "spec.incrementalExportSpecification.exportFromTime: Required value"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT, incrementalExportSpecification: {exportFromTime:"
                + " soon}}",
            "spec.incrementalExportSpecification.exportFromTime in body must be of type date-time"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT, incrementalExportSpecification: {exportFromTime:"
                + " '2026-01-14T10:00:00Z', exportToTime: later}}",
            "spec.incrementalExportSpecification.exportToTime in body must be of type date-time"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT, incrementalExportSpecification: {exportFromTime:"
                + " '2026-01-14T10:00:00Z', exportViewType: OLD_IMAGE}}",
            "spec.incrementalExportSpecification.exportViewType: Unsupported value: \"OLD_IMAGE\""),
        Arguments.of(
            te, "{s3SseAlgorithm: DES}", "spec.s3SseAlgorithm: Unsupported value: \"DES\""),
        Arguments.of(
            te,
            "{s3SseAlgorithm: KMS, s3SseKmsKeyId: ''}",
            "spec.s3SseKmsKeyId in body should be at least 1 chars long"),
        Arguments.of(
            te,
            "{s3SseAlgorithm: KMS, s3SseKmsKeyId: " + "k".repeat(2049) + "}",
            "spec.s3SseKmsKeyId: Too long"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT}",
            "exportType INCREMENTAL_EXPORT needs incrementalExportSpecification"),
        Arguments.of(
            te,
            "{" + WINDOW + "}",
            "incrementalExportSpecification is only valid with exportType INCREMENTAL_EXPORT"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT, exportTime: '2026-01-14T10:18:50Z', " + WINDOW + "}",
            "exportTime is only valid with exportType FULL_EXPORT"),
        Arguments.of(
            te,
            "{s3SseAlgorithm: AES256, s3SseKmsKeyId: alias/exports}",
            "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS"),
        Arguments.of(
            te,
            "{exportType: INCREMENTAL_EXPORT, incrementalExportSpecification: {exportFromTime:"
                + " '2026-01-14T10:00:00Z', exportToTime: '2026-01-14T10:30:00+01:00'}}",
            "exportFromTime must be before exportToTime"),
        Arguments.of(cb, "{tableArn: null}", "spec.tableArn: Required value"),
        Arguments.of(
            cb,
            "{tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:orders'}",
            "spec.tableArn in body should match"),
        Arguments.of(cb, "{tableArn: '" + ARN + longName + "'}", "spec.tableArn: Too long"),
        Arguments.of(cb, "{mode: Recorder, store: null}", "mode Recorder needs store"),
        Arguments.of(cb, "{mode: Manual}", "spec.mode: Unsupported value: \"Manual\""),
        Arguments.of(cb, "{store: {prefix: changes}}", "spec.store.bucket: Required value"),
        Arguments.of(cb, "{store: {bucket: '-backups'}}", "spec.store.bucket in body should match"),
        Arguments.of(
            cb, "{store: {bucket: " + "b".repeat(256) + "}}", "spec.store.bucket: Too long"),
        Arguments.of(
            cb,
            "{store: {bucket: backups, prefix: " + longName + "}}",
            "spec.store.prefix: Too long"),
        Arguments.of(
            cb,
            "{recoveryPeriodInDays: 0}",
            "spec.recoveryPeriodInDays: Invalid value: 0: spec.recoveryPeriodInDays in body should"
                + " be greater than or equal to 1"),
        Arguments.of(
            cb,
            "{recoveryPeriodInDays: 36}",
            "spec.recoveryPeriodInDays: Invalid value: 36: spec.recoveryPeriodInDays in body should"
                + " be less than or equal to 35"));
  }

  /** One case per schema rule of the TableExportSchedule. */
  static Stream<Arguments> invalidScheduleSpecs() {
    var sc = SCHEDULE;
    var incremental = "exportType: INCREMENTAL_EXPORT, ";
    var template = "template: {tableArn: '" + ARN + "', s3Bucket: exports, ";
    return Stream.of(
        Arguments.of(sc, "{schedule: null}", "spec.schedule: Required value"),
        Arguments.of(sc, "{schedule: 'every day'}", "spec.schedule in body should match"),
        Arguments.of(sc, "{schedule: '@fortnightly'}", "spec.schedule in body should match"),
        Arguments.of(sc, "{template: null}", "spec.template: Required value"),
        Arguments.of(
            sc,
            "{template: {tableArn: orders, s3Bucket: exports}}",
            "spec.template.tableArn in body should match"),
        Arguments.of(
            sc, "{template: {tableArn: '" + ARN + "'}}", "spec.template.s3Bucket: Required value"),
        Arguments.of(sc, "{exportType: DELTA}", "spec.exportType: Unsupported value: \"DELTA\""),
        Arguments.of(
            sc,
            "{concurrencyPolicy: Replace}",
            "spec.concurrencyPolicy: Unsupported value: \"Replace\""),
        Arguments.of(
            sc, "{startingDeadline: '15 minutes'}", "spec.startingDeadline in body should match"),
        Arguments.of(
            sc,
            "{" + incremental + "chainStart: soon}",
            "spec.chainStart in body must be of type date-time"),
        Arguments.of(
            sc,
            "{retention: {successfulExports: 0}}",
            "spec.retention.successfulExports in body should be greater than or equal to 1"),
        Arguments.of(
            sc,
            "{retention: {failedExports: -1}}",
            "spec.retention.failedExports in body should be greater than or equal to 0"),
        Arguments.of(
            sc, "{retention: {maxAge: 30d}}", "spec.retention.maxAge in body should match"),
        Arguments.of(
            sc,
            "{" + incremental + "concurrencyPolicy: Allow}",
            "concurrencyPolicy Allow is only valid with exportType FULL_EXPORT"),
        Arguments.of(
            sc,
            "{chainStart: '2026-01-14T10:00:00Z'}",
            "chainStart is only valid with exportType INCREMENTAL_EXPORT"),
        Arguments.of(
            sc,
            "{rebaseOnGap: true}",
            "rebaseOnGap is only valid with exportType INCREMENTAL_EXPORT"),
        Arguments.of(
            sc,
            "{" + template + "exportViewType: NEW_IMAGE}}",
            "template.exportViewType is only valid with exportType INCREMENTAL_EXPORT"),
        Arguments.of(
            sc,
            "{" + template + "s3SseKmsKeyId: alias/exports}}",
            "s3SseKmsKeyId is only valid with s3SseAlgorithm KMS"));
  }

  @ParameterizedTest
  @MethodSource({"invalidSpecs", "invalidScheduleSpecs"})
  void invalidSpecs(String kind, String changes, String refusal) {
    var object = object(kind, spec(kind, changes));

    assertRefused(refusal, () -> resources(kind).resource(object).create());
  }

  /** Kind, a status as the operator might write it, and what the refusal says. */
  static Stream<Arguments> invalidStatuses() {
    var condition =
        "{type: Complete, status: 'True', reason: Completed, message: '', lastTransitionTime:"
            + " '2026-01-14T10:00:00Z'}";
    return Stream.of(
        Arguments.of(
            TABLE_EXPORT,
            "{exportStatus: DONE}",
            "status.exportStatus: Unsupported value: \"DONE\""),
        Arguments.of(
            TABLE_EXPORT,
            "{exportTime: noon}",
            "status.exportTime: Invalid value: \"noon\": exportTime in body must be of type"
                + " date-time"),
        Arguments.of(
            TABLE_EXPORT,
            "{conditions: [" + condition.replace("Completed", "S3.NoSuchBucket") + "]}",
            "status.conditions[0].reason: Invalid value: \"S3.NoSuchBucket\": conditions[0].reason"
                + " in body should match"),
        Arguments.of(
            TABLE_EXPORT,
            "{conditions: [" + condition.replace("reason: Completed", "reason: ''") + "]}",
            "status.conditions[0].reason: Invalid value: \"\": conditions[0].reason in body should"
                + " be at least 1 chars long"),
        Arguments.of(
            TABLE_EXPORT,
            "{conditions: [" + condition.replace("'True'", "Maybe") + "]}",
            "status.conditions[0].status: Unsupported value: \"Maybe\""),
        Arguments.of(
            TABLE_EXPORT,
            "{conditions: [" + condition.replace("type: Complete", "type: 'Is Complete'") + "]}",
            "status.conditions[0].type: Invalid value: \"Is Complete\": conditions[0].type in body"
                + " should match"),
        Arguments.of(
            TABLE_EXPORT,
            "{conditions: ["
                + condition.replace(", lastTransitionTime: '2026-01-14T10:00:00Z'", "")
                + "]}",
            "status.conditions[0].lastTransitionTime: Required value"),
        Arguments.of(
            TABLE_EXPORT,
            "{conditions: ["
                + condition.replace("message: ''", "message: '" + "m".repeat(32769) + "'")
                + "]}",
            "status.conditions[0].message: Too long"),
        Arguments.of(
            CONTINUOUS_BACKUP,
            "{pointInTimeRecoveryStatus: MAYBE}",
            "status.pointInTimeRecoveryStatus: Unsupported value: \"MAYBE\""),
        Arguments.of(
            CONTINUOUS_BACKUP,
            "{conditions: [" + condition.replace("Completed", "Not-Ready") + "]}",
            "status.conditions[0].reason: Invalid value: \"Not-Ready\": conditions[0].reason in"
                + " body should match"));
  }

  @ParameterizedTest
  @MethodSource
  void invalidStatuses(String kind, String status, String refusal) {
    var created = resources(kind).resource(object(kind, spec(kind, "{}"))).create();
    created.setAdditionalProperty("status", yaml(status));

    assertRefused(refusal, () -> resources(kind).resource(created).updateStatus());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aValidObjectIsCreatedAndItsStatusWritten(String kind) {
    var created = resources(kind).resource(object(kind, spec(kind, "{}"))).create();
    created.setAdditionalProperty("status", yaml("{conditions: []}"));

    assertNotNull(resources(kind).resource(created).updateStatus().getMetadata().getName());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anObjectWithoutASpecIsRefused(String kind) {
    var object = object(kind, null);
    object.getAdditionalProperties().remove("spec");

    assertRefused("spec: Required value", () -> resources(kind).resource(object).create());
  }

  static Stream<String> kinds() {
    return Stream.of(TABLE_EXPORT, CONTINUOUS_BACKUP, SCHEDULE);
  }

  @Test
  void theSpecOfATableExportIsImmutable() {
    var created =
        resources(TABLE_EXPORT).resource(object(TABLE_EXPORT, spec(TABLE_EXPORT, "{}"))).create();

    created.getMetadata().setLabels(Map.of("team", "orders"));
    var labelled = resources(TABLE_EXPORT).resource(created).update();
    assertEquals(Map.of("team", "orders"), labelled.getMetadata().getLabels());

    labelled.setAdditionalProperty("spec", spec(TABLE_EXPORT, "{s3Prefix: weekly}"));
    assertRefused(
        "spec is immutable: create a new TableExport for a new export",
        () -> resources(TABLE_EXPORT).resource(labelled).update());
  }

  @Test
  void theTableOfAContinuousBackupIsImmutable() {
    var created =
        resources(CONTINUOUS_BACKUP)
            .resource(object(CONTINUOUS_BACKUP, spec(CONTINUOUS_BACKUP, "{}")))
            .create();

    created.setAdditionalProperty("spec", spec(CONTINUOUS_BACKUP, "{recoveryPeriodInDays: 7}"));
    var changed = resources(CONTINUOUS_BACKUP).resource(created).update();

    changed.setAdditionalProperty(
        "spec", spec(CONTINUOUS_BACKUP, "{tableArn: '" + ARN.replace("orders", "invoices") + "'}"));
    assertRefused(
        "tableArn is immutable", () -> resources(CONTINUOUS_BACKUP).resource(changed).update());
  }

  @Test
  void theTypeAndTableOfAScheduleAreImmutableAndTheRestIsNot() {
    var created = resources(SCHEDULE).resource(object(SCHEDULE, spec(SCHEDULE, "{}"))).create();

    created.setAdditionalProperty("spec", spec(SCHEDULE, "{suspend: true}"));
    var suspended = resources(SCHEDULE).resource(created).update();

    suspended.setAdditionalProperty("spec", spec(SCHEDULE, "{exportType: INCREMENTAL_EXPORT}"));
    assertRefused(
        "exportType is immutable: create a new TableExportSchedule for the other kind of export",
        () -> resources(SCHEDULE).resource(suspended).update());
    suspended.setAdditionalProperty(
        "spec",
        spec(SCHEDULE, "{template: {tableArn: '" + ARN.replace("orders", "invoices")
            + "', s3Bucket: exports}}"));
    assertRefused(
        "template.tableArn is immutable",
        () -> resources(SCHEDULE).resource(suspended).update());
  }

  private static void assertRefused(String refusal, Executable request) {
    var error = assertThrows(KubernetesClientException.class, request::execute);
    assertEquals(422, error.getCode(), error.getMessage());
    assertTrue(
        error.getMessage().contains(refusal),
        "expected '" + refusal + "' in " + error.getMessage());
  }

  private interface Executable {
    void execute();
  }

  private static Map<String, Object> spec(String kind, String changes) {
    var spec = new LinkedHashMap<>(yaml(VALID_SPECS.get(kind)));
    yaml(changes)
        .forEach(
            (field, value) -> {
              if (value == null) {
                spec.remove(field);
              } else {
                spec.put(field, value);
              }
            });
    return spec;
  }

  /** A YAML flow mapping (Fabric8 would read a bare one as JSON, whose keys are quoted). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String flowMapping) {
    var document =
        CLUSTER.admin().getKubernetesSerialization().unmarshal("value: " + flowMapping, Map.class);
    return (Map<String, Object>) document.get("value");
  }

  private static GenericKubernetesResource object(String kind, Map<String, Object> spec) {
    var object = new GenericKubernetesResource();
    object.setApiVersion(TableExport.GROUP + "/" + TableExport.VERSION);
    object.setKind(kind);
    object.setMetadata(new ObjectMetaBuilder().withGenerateName("rule-").build());
    object.setAdditionalProperty("spec", spec);
    return object;
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(String kind) {
    return CLUSTER
        .admin()
        .genericKubernetesResources(TableExport.GROUP + "/" + TableExport.VERSION, kind)
        .inNamespace(namespace);
  }
}
