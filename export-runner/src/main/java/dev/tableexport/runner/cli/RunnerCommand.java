package dev.tableexport.runner.cli;

import picocli.CommandLine.Command;

@Command(
    name = "export-runner",
    mixinStandardHelpOptions = true,
    versionProvider = RunnerVersion.class,
    description = "Exports DynamoDB-API tables to S3-compatible buckets in DynamoDB's export format.",
    subcommands = {
      ExportCommand.class,
      CompactCommand.class,
      RecordCommand.class,
      DescribeContinuousBackupsCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the export COMPLETED",
      "1:the export FAILED; its FailureCode and FailureMessage are in the JSON result",
      "2:usage error: an unknown option, a missing required option, a malformed value"
    })
public final class RunnerCommand {}
