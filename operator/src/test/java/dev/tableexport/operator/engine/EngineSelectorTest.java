package dev.tableexport.operator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.CompactionOf;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import dev.tableexport.operator.api.Engine;
import dev.tableexport.operator.api.ExportType;
import dev.tableexport.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineSelectorTest {

  private final FakeDynamoDb fake = FakeDynamoDb.start();
  private final EngineSelector selector = new EngineSelector(
      new NativeEngine(fake.client(), Duration.ofSeconds(30), Duration.ofMinutes(1)),
      new RunnerEngine(OperatorConfig.fromEnvironment(Map.of())), new NativePitr(fake.client()));

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void autoTakesNativeWhenTheStoresPitrIsEnabled() {
    fake.answer("DescribeContinuousBackups", "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"
        + "\"ENABLED\",\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"ENABLED\"}}}");

    var selection = selector.select(NativeEngineTest.incrementalExport(), List.of());

    assertEquals(Engine.Native, selection.engine().kind());
    assertEquals("spec.engine is Auto and DescribeContinuousBackups says PointInTimeRecoveryStatus ENABLED"
        + " for table orders", selection.reason());
  }

  @Test
  void autoTakesTheRunnerWhenTheStoreDoesNotKnowTheOperation() {
    var selection = selector.select(NativeEngineTest.incrementalExport(), List.of());

    assertEquals(Engine.Runner, selection.engine().kind());
    assertEquals("spec.engine is Auto and the store answers that DescribeContinuousBackups is an unknown"
        + " operation", selection.reason());
  }

  @Test
  void autoTakesTheRunnerWithoutAskingWhenAContinuousBackupRecordsTheTable() {
    var export = NativeEngineTest.incrementalExport();
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(export.getSpec().getTableArn());
    spec.setMode(BackupMode.Recorder);
    spec.setStore(new BackupStore());
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName("orders").build());
    backup.setSpec(spec);

    var selection = selector.select(export, List.of(backup));

    assertEquals(Engine.Runner, selection.engine().kind());
    assertEquals(List.of(), fake.requests());
  }

  @Test
  void aNamedEngineIsTakenWithoutAsking() {
    var export = NativeEngineTest.incrementalExport();
    export.getSpec().setEngine(Engine.Native);

    assertEquals(Engine.Native, selector.select(export, List.of()).engine().kind());
    export.getSpec().setEngine(Engine.Runner);
    assertEquals(Engine.Runner, selector.select(export, List.of()).engine().kind());
    assertEquals(List.of(), fake.requests());
  }

  @Test
  void aCompactionRunsOnTheRunnerWhateverItsSpecSaysAndNeedsNoPitr() {
    var export = NativeEngineTest.incrementalExport();
    export.getSpec().setEngine(Engine.Native);
    export.getSpec().setExportType(ExportType.FULL_EXPORT);
    export.getSpec().setIncrementalExportSpecification(null);
    var compaction = new CompactionOf();
    compaction.setManifests(List.of("s3://exports/AWSDynamoDB/x/manifest-summary.json"));
    export.getSpec().setCompactionOf(compaction);

    var selection = selector.select(export, List.of());

    assertEquals(Engine.Runner, selection.engine().kind());
    assertEquals(Optional.empty(), selection.engine().check(export, List.of()),
        "no ContinuousBackup needed: it reads only S3");
    assertEquals(List.of(), fake.requests());
  }
}
