package dev.tableexport.operator.continuousbackup;

import dev.tableexport.contract.StoreLocation;
import dev.tableexport.contract.TableArn;
import dev.tableexport.operator.api.BackupMode;
import dev.tableexport.operator.api.ContinuousBackup;
import dev.tableexport.operator.runner.RunnerPods;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One ContinuousBackup per table, and one per table's place in a store: two would run two
 * recorders into one change log, or set one table's recovery period against each other. The
 * first created keeps its claim; a later one is refused until the first is deleted.
 */
final class BackupClaims {

  private static final Comparator<ContinuousBackup> ARRIVAL =
      Comparator.comparing((ContinuousBackup b) -> b.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(b -> b.getMetadata().getNamespace())
          .thenComparing(b -> b.getMetadata().getName());

  private BackupClaims() {}

  /** Why {@code backup} may not run, naming the earlier backup that holds its table or store. */
  static Optional<String> refusal(ContinuousBackup backup, Collection<ContinuousBackup> all) {
    return all.stream()
        .filter(other -> !Objects.equals(other.getMetadata().getUid(),
            backup.getMetadata().getUid()))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null
            && other.getSpec() != null)
        .filter(other -> ARRIVAL.compare(other, backup) < 0)
        .sorted(ARRIVAL)
        .map(other -> shared(backup, other).map(what -> "ContinuousBackup "
            + other.getMetadata().getNamespace() + "/" + other.getMetadata().getName()
            + " already keeps " + what + "; two would fight over it. Delete one of them"))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> shared(ContinuousBackup backup, ContinuousBackup other) {
    var table = backup.getSpec().getTableArn();
    if (table.equals(other.getSpec().getTableArn())) {
      return Optional.of("table " + table);
    }
    var root = tableRoot(backup);
    if (root.isPresent() && root.equals(tableRoot(other))) {
      return Optional.of("the store's " + root.get() + " (a table of the same name)");
    }
    return Optional.empty();
  }

  /** Where in its store a recorder would write, normalized; empty in mode Native. */
  private static Optional<String> tableRoot(ContinuousBackup backup) {
    var spec = backup.getSpec();
    if (spec.getStore() == null || spec.getMode() == BackupMode.Native) {
      return Optional.empty();
    }
    return StoreLocation.parse(RunnerPods.storeLocation(spec.getStore()).toString())
        .map(store -> "s3://" + store.bucket() + "/"
            + store.tableRoot(TableArn.tableNameOf(spec.getTableArn())));
  }
}
