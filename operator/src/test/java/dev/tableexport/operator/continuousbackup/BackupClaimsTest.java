package dev.tableexport.operator.continuousbackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.BackupStore;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.api.ContinuousBackupSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupClaimsTest {

  private static final String ORDERS = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static final String ORDERS_US = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
  private static final String USERS = "arn:aws:dynamodb:eu-west-1:123456789012:table/users";

  @Test
  void aLaterBackupOfTheSameTableIsRefusedAndTheFirstKeepsIt() {
    var first = backup("first", "2026-01-14T10:00:00Z", ORDERS, "backups", "pitr");
    var second = backup("second", "2026-01-14T11:00:00Z", ORDERS, "other", "pitr");
    var all = List.of(first, second);

    assertEquals(Optional.empty(), BackupClaims.refusal(first, all));
    assertEquals(Optional.of("ContinuousBackup data/first already keeps table " + ORDERS
        + "; two would fight over it. Delete one of them"), BackupClaims.refusal(second, all));
  }

  @Test
  void aTableOfTheSameNameInTheSameStoreIsRefused() {
    var first = backup("first", "2026-01-14T10:00:00Z", ORDERS, "backups", "pitr/");
    var second = backup("second", "2026-01-14T11:00:00Z", ORDERS_US, "backups", "/pitr");

    var refusal = BackupClaims.refusal(second, List.of(first, second));

    assertTrue(refusal.orElseThrow().contains("s3://backups/pitr/orders/"), refusal.get());
  }

  @Test
  void otherTablesInOneStoreAndNativeBackupsOfOtherTablesAreFine() {
    var orders = backup("orders", "2026-01-14T10:00:00Z", ORDERS, "backups", "pitr");
    var users = backup("users", "2026-01-14T11:00:00Z", USERS, "backups", "pitr");
    var nativeUs = backup("native", "2026-01-14T12:00:00Z", ORDERS_US, "backups", "pitr");
    nativeUs.getSpec().setMode(BackupMode.Native);

    for (var backup : List.of(orders, users, nativeUs)) {
      assertEquals(Optional.empty(), BackupClaims.refusal(backup, List.of(orders, users, nativeUs)));
    }
  }

  @Test
  void aBackupBeingDeletedHoldsNoClaim() {
    var first = backup("first", "2026-01-14T10:00:00Z", ORDERS, "backups", "pitr");
    first.getMetadata().setDeletionTimestamp("2026-01-14T12:00:00Z");
    var second = backup("second", "2026-01-14T11:00:00Z", ORDERS, "backups", "pitr");

    assertEquals(Optional.empty(), BackupClaims.refusal(second, List.of(first, second)));
  }

  private static ContinuousBackup backup(String name, String created, String table, String bucket,
      String prefix) {
    var store = new BackupStore();
    store.setBucket(bucket);
    store.setPrefix(prefix);
    var spec = new ContinuousBackupSpec();
    spec.setTableArn(table);
    spec.setStore(store);
    var backup = new ContinuousBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("data")
        .withUid(name + "-uid").withCreationTimestamp(created).build());
    backup.setSpec(spec);
    return backup;
  }
}
