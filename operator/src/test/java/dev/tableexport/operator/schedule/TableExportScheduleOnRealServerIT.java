package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.ContinuousBackupStatus;
import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.ExportStatus;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.api.PointInTimeRecoveryStatus;
import dev.tableexport.operator.api.ScheduleRetention;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSchedule;
import dev.tableexport.operator.api.TableExportScheduleSpec;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.api.TableExportTemplate;
import dev.tableexport.operator.api.Crds;
import dev.tableexport.operator.engine.NativePitr;
import dev.tableexport.operator.testing.Awaits;
import dev.tableexport.operator.testing.ControlPlane;
import dev.tableexport.operator.testing.TestClock;
import dev.tableexport.runner.local.LocalS3;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The schedule reconciler alone (a JOSDK operator with only it, as the cluster administrator, with
 * server-side apply) on a real API server, with a clock the test sets. The test plays the
 * TableExport reconciler: it ends each TableExport the schedule creates by writing its status, and
 * publishes the table's restorable window in a ContinuousBackup's status, as the recorder would.
 */
class TableExportScheduleOnRealServerIT {

  private static final ControlPlane CLUSTER = ControlPlane.get();
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** The fake clock's start: the next full hour, after the schedules' creation. */
  private static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));

  private static final TestClock CLOCK = new TestClock(T0);
  private static final KubernetesClient ADMIN = CLUSTER.admin();
  private static String namespace;
  private static Operator operator;
  /** Where retention with deleteData deletes: the test writes each COMPLETED run's objects. */
  private static LocalS3 local;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    local = LocalS3.start(LocalS3.inMemoryStore());
    s3 = S3Client.builder().region(Region.EU_WEST_1).endpointOverride(local.endpoint())
        .forcePathStyle(true).credentialsProvider(LocalS3.credentials()).build();
    s3.createBucket(create -> create.bucket("exports"));
    Crds.apply(ADMIN);
    namespace = CLUSTER.restrictedNamespace("schedules");
    createBackup("orders", ARN);
    setClock(T0);
    operator = startOperator();
  }

  @AfterAll
  static void stop() throws Exception {
    operator.stop();
    s3.close();
    local.close();
  }

  /** No DynamoDB behind it: the tables have a ContinuousBackup. */
  private static Operator startOperator() {
    var nowhere = URI.create("http://127.0.0.1:9");
    var dynamo = DynamoDbClient.builder().region(Region.EU_WEST_1).endpointOverride(nowhere)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    var started = new Operator(overrider -> overrider.withKubernetesClient(ADMIN)
        .withUseSSAToPatchPrimaryResource(true).withCloseClientOnStop(false));
    started.register(new TableExportScheduleReconciler(new NativePitr(dynamo), s3, CLOCK,
        Duration.ofMillis(200), null), controller -> controller.settingNamespaces(namespace));
    started.start();
    return started;
  }

  /** Sets the clock, and the table's restorable window up to 5 seconds before it. */
  private static void setClock(Instant now) {
    CLOCK.set(now);
    window("orders", T0.minus(Duration.ofDays(1)), now.minusSeconds(5));
  }

  /** A table's ContinuousBackup, whose status the test writes, as the recorder would. */
  private static void createBackup(String name, String tableArn) {
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(name).build());
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(tableArn);
    var store = new BackupStore();
    store.setBucket("backups");
    spec.setStore(store);
    backup.setSpec(spec);
    ADMIN.resources(ContinuousBackup.class).inNamespace(namespace).resource(backup).create();
  }

  private static TableExportSchedule schedule(String name, String cron, ExportType type) {
    var schedule = new TableExportSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withName(name).build());
    var spec = new TableExportScheduleSpec();
    spec.setSchedule(cron);
    spec.setExportType(type);
    var template = new TableExportTemplate();
    template.setTableArn(ARN);
    template.setS3Bucket("exports");
    spec.setTemplate(template);
    schedule.setSpec(spec);
    return schedule;
  }

  private static TableExportSchedule create(TableExportSchedule schedule) {
    return ADMIN.resources(TableExportSchedule.class).inNamespace(namespace).resource(schedule)
        .create();
  }

  /** As a person would: a merge patch of spec.suspend, whatever the operator wrote meanwhile. */
  private static TableExportSchedule suspend(String name, boolean suspend) {
    return ADMIN.resources(TableExportSchedule.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
  }

  private static TableExport awaitExport(String name) {
    return ADMIN.resources(TableExport.class).inNamespace(namespace).withName(name)
        .waitUntilCondition(Objects::nonNull, WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static TableExportSchedule awaitSchedule(String name,
      Predicate<TableExportSchedule> condition) {
    return ADMIN.resources(TableExportSchedule.class).inNamespace(namespace).withName(name)
        .waitUntilCondition(schedule -> schedule != null && schedule.getStatus() != null
            && condition.test(schedule), WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static boolean condition(TableExportSchedule schedule, String type, String status,
      String reason) {
    return schedule.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals(type)
        && c.getStatus().equals(status) && (reason == null || c.getReason().equals(reason)));
  }

  /**
   * Plays the TableExport reconciler: the export ends, a full one at its (resolved) time; a
   * COMPLETED one has its manifests in S3, in the folder named after it.
   */
  private static void end(String name, ExportStatus outcome) {
    var folder = "AWSDynamoDB/" + name + "/";
    if (outcome == ExportStatus.COMPLETED) {
      put(folder + "manifest-files.json", "");
      put(folder + "manifest-summary.json", "{}");
    }
    ADMIN.resources(TableExport.class).inNamespace(namespace).withName(name).editStatus(export -> {
      var status = new TableExportStatus();
      status.setExportStatus(outcome);
      status.setStartTime(CLOCK.instant().toString());
      status.setEndTime(CLOCK.instant().toString());
      status.setExportArn(ARN + "/export/" + name);
      if (outcome == ExportStatus.COMPLETED) {
        status.setExportManifest(folder + "manifest-summary.json");
        status.setItemCount(42L);
      }
      if (export.getSpec().getExportType() == ExportType.FULL_EXPORT) {
        status.setExportTime(Objects.requireNonNullElse(export.getSpec().getExportTime(),
            CLOCK.instant().minusSeconds(5).toString()));
      }
      if (outcome == ExportStatus.FAILED) {
        status.setFailureCode("S3AccessDenied");
        status.setFailureMessage("Access Denied");
      }
      export.setStatus(status);
      return export;
    });
  }

  private static void put(String key, String body) {
    s3.putObject(put -> put.bucket("exports").key(key), RequestBody.fromString(body));
  }

  private static List<TableExport> exportsOf(String schedule) {
    return ADMIN.resources(TableExport.class).inNamespace(namespace)
        .withLabel(ScheduleRun.SCHEDULE_LABEL, schedule).list().getItems();
  }

  private static String link(int attempt, Instant from, Instant to) {
    return RunRequest.link(1, attempt, from, to).name("chain");
  }

  /** Creates the link [from, to): the clock passes its end; returns its name once it exists. */
  private static String awaitLink(int attempt, Instant from, Instant to) {
    var name = link(attempt, from, to);
    var export = awaitExport(name);
    var window = export.getSpec().getIncrementalExportSpecification();
    assertEquals(from, Instant.parse(window.getExportFromTime()), name);
    assertEquals(to, Instant.parse(window.getExportToTime()), name);
    return name;
  }

  @Test
  void aChainStaysContiguousAcrossARestartAFailedLinkASuspendedHourAndAMissedDay()
      throws Exception {
    var chain = schedule("chain", "*/15 * * * *", ExportType.INCREMENTAL_EXPORT);
    chain.getSpec().setChainStart(T0.toString());
    create(chain);
    var quarter = Duration.ofMinutes(15);
    var minute = Duration.ofMinutes(1);
    var from = T0;
    for (int i = 0; i < 4; i++) {
      setClock(from.plus(quarter).plus(minute));
      end(awaitLink(1, from, from.plus(quarter)), ExportStatus.COMPLETED);
      from = from.plus(quarter);
    }

    operator.stop();
    operator = startOperator();
    setClock(from.plus(quarter).plus(minute));
    var failed = awaitLink(1, from, from.plus(quarter));
    end(failed, ExportStatus.FAILED);
    awaitSchedule("chain", s -> condition(s, "Degraded", "True", "RunFailed"));
    setClock(from.plus(quarter.multipliedBy(2)).plus(minute));
    end(awaitLink(2, from, from.plus(quarter)), ExportStatus.COMPLETED);
    from = from.plus(quarter);
    end(awaitLink(1, from, from.plus(quarter)), ExportStatus.COMPLETED);
    from = from.plus(quarter);

    var suspended = suspend("chain", true);
    var head = from;
    var hourLater = from.plus(Duration.ofHours(1));
    setClock(hourLater.plus(minute));
    awaitSchedule("chain", s -> s.getStatus().getObservedGeneration()
        >= suspended.getMetadata().getGeneration()
        && condition(s, "Ready", "True", "Suspended")
        && hourLater.toString().equals(s.getStatus().getNextScheduleTime()));
    var whileSuspended = exportsOf("chain").size();
    assertEquals(7, whileSuspended, "nothing started while suspended");
    suspend("chain", false);
    end(awaitLink(1, head, hourLater), ExportStatus.COMPLETED);
    from = hourLater;

    var dayAndTwoHours = from.plus(Duration.ofHours(26));
    setClock(dayAndTwoHours.plus(minute));
    end(awaitLink(1, from, from.plus(Duration.ofHours(24))), ExportStatus.COMPLETED);
    from = from.plus(Duration.ofHours(24));
    end(awaitLink(1, from, dayAndTwoHours), ExportStatus.COMPLETED);

    var status = awaitSchedule("chain", s -> s.getStatus().getChain() != null
        && dayAndTwoHours.toString().equals(s.getStatus().getChain().getHeadTime())).getStatus();
    assertEquals(9, status.getChain().getLinks());
    assertEquals(T0.toString(), status.getChain().getBaseTime());
    assertEquals(dayAndTwoHours.toString(), status.getLastScheduleTime());
    var windows = new TreeSet<String>();
    var expectedFrom = T0;
    var links = new ArrayList<>(exportsOf("chain").stream()
        .map(export -> export.getSpec().getIncrementalExportSpecification())
        .filter(window -> windows.add(window.getExportFromTime()))
        .toList());
    links.sort((a, b) -> Instant.parse(a.getExportFromTime())
        .compareTo(Instant.parse(b.getExportFromTime())));
    for (var window : links) {
      assertEquals(expectedFrom, Instant.parse(window.getExportFromTime()), "no gap, no overlap");
      expectedFrom = Instant.parse(window.getExportToTime());
    }
    assertEquals(dayAndTwoHours, expectedFrom);
    assertEquals(10, exportsOf("chain").size(), "9 links and a failed one");
  }

  /**
   * A 15-minute chain with compactEvery 3 and retention of one successful run with its data: a
   * compaction after every three links (one of them failed once and was retried), each from the
   * one before; retention then leaves the newest compaction and the link after it, and deletes
   * the data of everything else; each event is recorded once, across an operator restart.
   */
  @Test
  void aChainIsCompactedEveryThreeLinksAndRetentionKeepsWhatTheChainNeeds() throws Exception {
    var start = CLOCK.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    setClock(start);
    var compacting = schedule("compacting", "*/15 * * * *", ExportType.INCREMENTAL_EXPORT);
    compacting.getSpec().setCompactEvery(3);
    var retention = new ScheduleRetention();
    retention.setSuccessfulExports(1);
    retention.setFailedExports(0);
    retention.setDeleteData(true);
    compacting.getSpec().setRetention(retention);
    create(compacting);
    var base = "compacting-c1-base";
    awaitExport(base);
    end(base, ExportStatus.COMPLETED); // at start - 5s, the latest restorable time
    var quarter = Duration.ofMinutes(15);
    var from = start.minusSeconds(5);
    var inputs = new ArrayList<>(List.of(manifestUri(base)));
    for (int i = 1; i <= 6; i++) {
      var to = start.plus(quarter.multipliedBy(i));
      setClock(to.plus(Duration.ofMinutes(1)));
      var link = RunRequest.link(1, 1, from, to).name("compacting");
      awaitExport(link);
      if (i == 5) {
        end(link, ExportStatus.FAILED);
        setClock(to.plus(quarter).plus(Duration.ofMinutes(1)));
        link = RunRequest.link(1, 2, from, to).name("compacting");
        awaitExport(link);
      }
      end(link, ExportStatus.COMPLETED);
      inputs.add(manifestUri(link));
      from = to;
      if (i % 3 != 0) {
        continue;
      }
      var name = RunRequest.compaction(1, to, List.of()).name("compacting");
      var compaction = awaitExport(name);
      assertEquals("true", compaction.getMetadata().getLabels().get("tableexport.dev/compaction"));
      assertEquals(ExportType.FULL_EXPORT, compaction.getSpec().getExportType());
      assertEquals(to.toString(), compaction.getSpec().getExportTime());
      assertEquals(inputs, compaction.getSpec().getCompactionOf().getManifests());
      end(name, ExportStatus.COMPLETED);
      awaitSchedule("compacting", s -> s.getStatus().getChain() != null
          && name.equals(s.getStatus().getChain().getLastCompaction()));
      inputs = new ArrayList<>(List.of(manifestUri(name)));
    }
    var lastCompaction = RunRequest.compaction(1, from, List.of()).name("compacting");
    var head = RunRequest.link(1, 1, from, from.plus(quarter)).name("compacting");
    setClock(from.plus(quarter).plus(Duration.ofMinutes(1)));
    awaitExport(head);
    end(head, ExportStatus.COMPLETED);

    var kept = Set.of(lastCompaction, head);
    Awaits.await("retention to leave " + kept, () -> exportsOf("compacting").stream()
        .map(export -> export.getMetadata().getName()).collect(Collectors.toSet()).equals(kept));
    var status = ADMIN.resources(TableExportSchedule.class).inNamespace(namespace)
        .withName("compacting").get().getStatus();
    assertEquals(lastCompaction, status.getChain().getLastCompaction());
    assertEquals(from.toString(), status.getChain().getLastCompactionTime());
    assertEquals(kept.stream().map(name -> "AWSDynamoDB/" + name + "/").collect(Collectors.toSet()),
        s3.listObjectsV2Paginator(list -> list.bucket("exports").prefix("AWSDynamoDB/compacting-"))
            .contents().stream().map(S3Object::key)
            .map(key -> key.substring(0, key.lastIndexOf('/') + 1)).collect(Collectors.toSet()),
        "only the data of the newest compaction and the link after it is left");

    var reasons = Set.of("RunCreated", "RunRetried", "CompactionCreated", "CompactionCompleted");
    assertEquals(Map.of("RunCreated", 8L, "RunRetried", 1L, "CompactionCreated", 2L,
        "CompactionCompleted", 2L), eventCounts("compacting", reasons));
    operator.stop();
    operator = startOperator();
    var next = from.plus(quarter);
    setClock(next.plus(quarter).plus(Duration.ofMinutes(1)));
    awaitExport(RunRequest.link(1, 1, next, next.plus(quarter)).name("compacting"));
    Awaits.await("the new link's event", () -> eventCounts("compacting", reasons)
        .getOrDefault("RunCreated", 0L) > 8);
    assertEquals(Map.of("RunCreated", 9L, "RunRetried", 1L, "CompactionCreated", 2L,
        "CompactionCompleted", 2L), eventCounts("compacting", reasons),
        "the restarted operator records only the new link");
    assertTrue(events("compacting").stream().anyMatch(event -> event.getReason()
        .equals("RetentionRemoved") && event.getMessage().contains("and the data of")));
    assertTrue(events("compacting").stream().allMatch(event -> event.getCount() == 1));
  }

  /**
   * The restorable window of a table of its own moves past the end of two chains: the one with
   * rebaseOnGap starts chain 2, the other stops; each says so in one event, however many passes
   * follow.
   */
  @Test
  void aChainTheWindowLeftBehindIsRebasedOrStoppedAndEachSaysSoOnce() throws Exception {
    var table = "arn:aws:dynamodb:eu-west-1:123456789012:table/returns";
    createBackup("returns", table);
    var now = CLOCK.instant();
    window("returns", now.minus(Duration.ofDays(1)), now.minusSeconds(5));
    for (var name : List.of("rebasing", "stopping")) {
      var chain = schedule(name, "*/15 * * * *", ExportType.INCREMENTAL_EXPORT);
      chain.getSpec().getTemplate().setTableArn(table);
      chain.getSpec().setRebaseOnGap(name.equals("rebasing"));
      create(chain);
      awaitExport(name + "-c1-base");
      end(name + "-c1-base", ExportStatus.COMPLETED);
      awaitSchedule(name, s -> s.getStatus().getChain() != null
          && s.getStatus().getChain().getBaseTime() != null);
    }

    window("returns", now.minusSeconds(1), now);

    awaitExport("rebasing-c2-base");
    var stopped = awaitSchedule("stopping", s -> condition(s, "Ready", "False", "ChainBroken"));
    var generation = stopped.getMetadata().getGeneration();
    ADMIN.resources(TableExportSchedule.class).inNamespace(namespace).withName("stopping").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"startingDeadline\":\"16m\"}}");
    awaitSchedule("stopping", s -> s.getStatus().getObservedGeneration() > generation
        && condition(s, "Ready", "False", "ChainBroken")); // a pass more, still broken
    Awaits.await("the events of both chains", () -> events("rebasing").size() >= 3
        && !eventCounts("stopping", Set.of("ChainBroken")).isEmpty());
    assertEquals(Map.of("ChainBroken", 1L, "ChainRebased", 1L),
        eventCounts("rebasing", Set.of("ChainBroken", "ChainRebased")));
    assertEquals(Map.of("ChainBroken", 1L), eventCounts("stopping", Set.of("ChainBroken")));
    assertTrue(events("stopping").stream().filter(e -> e.getReason().equals("ChainBroken"))
        .allMatch(e -> e.getType().equals("Warning") && e.getMessage().contains("rebaseOnGap")));
  }

  private static void window(String backup, Instant earliest, Instant latest) {
    ADMIN.resources(ContinuousBackup.class).inNamespace(namespace).withName(backup)
        .editStatus(edited -> {
          var status = new ContinuousBackupStatus();
          status.setPointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED);
          status.setEarliestRestorableDateTime(earliest.toString());
          status.setLatestRestorableDateTime(latest.toString());
          edited.setStatus(status);
          return edited;
        });
  }

  private static String manifestUri(String run) {
    return "s3://exports/AWSDynamoDB/" + run + "/manifest-summary.json";
  }

  private static List<Event> events(String schedule) {
    return ADMIN.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> schedule.equals(event.getInvolvedObject().getName())
            && "TableExportSchedule".equals(event.getInvolvedObject().getKind()))
        .toList();
  }

  private static Map<String, Long> eventCounts(String schedule, Set<String> reasons) {
    return events(schedule).stream().filter(event -> reasons.contains(event.getReason()))
        .collect(Collectors.groupingBy(Event::getReason, Collectors.counting()));
  }

  @Test
  void aNightlyFullScheduleExportsItsScheduledTimesAndKeepsWhatItsRetentionSays() {
    var nightly = schedule("nightly", "0 2 * * *", ExportType.FULL_EXPORT);
    var retention = new ScheduleRetention();
    retention.setSuccessfulExports(2);
    retention.setFailedExports(0);
    nightly.getSpec().setRetention(retention);
    var now = Instant.now();
    setClock(now);
    create(nightly);
    var first = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(2));
    if (!first.isAfter(now)) {
      first = first.plus(Duration.ofDays(1));
    }
    var names = new ArrayList<String>();
    for (int i = 0; i < 4; i++) {
      var scheduled = first.plus(Duration.ofDays(i));
      setClock(scheduled.plus(Duration.ofMinutes(1)));
      var name = RunRequest.full(scheduled, scheduled).name("nightly");
      var export = awaitExport(name);
      assertEquals(scheduled.toString(), export.getSpec().getExportTime());
      end(name, i == 1 ? ExportStatus.FAILED : ExportStatus.COMPLETED);
      names.add(name);
    }

    var status = awaitSchedule("nightly", s -> s.getStatus().getLastRetention() != null
        && s.getStatus().getLastRetention().getExports().contains(names.get(0))).getStatus();
    assertEquals(Set.of(names.get(2), names.get(3)), exportsOf("nightly").stream()
        .map(export -> export.getMetadata().getName()).collect(Collectors.toSet()));
    assertEquals(names.get(3), status.getLastSuccessfulExport());
    assertEquals(List.of(), status.getLastRetention().getData());
  }

  @Test
  void aChainMoreFrequentThanFifteenMinutesIsNotReadyAndSaysWhy() {
    create(schedule("too-often", "*/5 * * * *", ExportType.INCREMENTAL_EXPORT));

    var schedule = awaitSchedule("too-often", s -> condition(s, "Ready", "False", "InvalidSpec"));

    var ready = schedule.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    assertTrue(ready.getMessage().contains("has runs 5 minutes apart"), ready.getMessage());
    assertEquals(List.of(), exportsOf("too-often"));
  }
}
