package dev.tableexport.runner.cli;

import dev.tableexport.runner.aws.AwsClients;
import dev.tableexport.runner.aws.AwsSettings;
import dev.tableexport.runner.pitr.BackupStore;
import dev.tableexport.runner.pitr.ContinuousBackupsDescription;
import dev.tableexport.runner.pitr.CorruptBackupObjectException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "describe-continuous-backups",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a table's restorable window from the store as `aws dynamodb"
          + " describe-continuous-backups` prints it, plus the recorder's heartbeat and lag."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "1:the store could not be read", "2:usage error"})
final class DescribeContinuousBackupsCommand implements Callable<Integer> {

  @Mixin TableAndStore tableAndStore;

  @Override
  public Integer call() {
    var arn = tableAndStore.tableArn();
    var location = tableAndStore.store();
    try (var s3 = AwsClients.s3(AwsSettings.fromEnvironment(System.getenv()), arn.region())) {
      var status = new BackupStore(s3, location, arn.tableName()).readStatus();
      System.out.println(ContinuousBackupsDescription.toJson(status));
      return 0;
    } catch (CorruptBackupObjectException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }
}
