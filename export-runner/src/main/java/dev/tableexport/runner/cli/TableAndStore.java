package dev.tableexport.runner.cli;

import dev.tableexport.contract.StoreLocation;
import dev.tableexport.contract.TableArn;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The table and the backup store, as record and describe-continuous-backups take them. */
final class TableAndStore {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--table-arn", required = true, paramLabel = "ARN",
      description = "The table: arn:aws:dynamodb:<region>:<account>:table/<name>.")
  String tableArn;

  @Option(names = "--store", required = true, paramLabel = "s3://BUCKET[/PREFIX]",
      description = "Where the continuous backup is kept; each table under PREFIX/<table name>/.")
  String store;

  TableArn tableArn() {
    return TableArn.parse(tableArn).orElseThrow(() -> new ParameterException(command.commandLine(),
        "--table-arn must be " + TableArn.expectedForm() + ", not '" + tableArn + "'"));
  }

  StoreLocation store() {
    return StoreLocation.parse(store).orElseThrow(() -> new ParameterException(command.commandLine(),
        "--store must be s3://BUCKET or s3://BUCKET/PREFIX, not '" + store + "'"));
  }
}
