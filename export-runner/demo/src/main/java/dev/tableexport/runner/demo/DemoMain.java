package dev.tableexport.runner.demo;

import dev.tableexport.runner.cli.Main;
import dev.tableexport.runner.cli.RunnerVersion;
import picocli.CommandLine.Command;

/**
 * The demo jar: the runner's engine on embedded DynamoDB Local, or an in-memory stand-in, and
 * S3Proxy. Kept out of the runner jar, which export Jobs and recorders run.
 */
@Command(
    name = "export-runner-demo",
    mixinStandardHelpOptions = true,
    versionProvider = RunnerVersion.class,
    description = "The export runner's demo and bench, on embedded DynamoDB Local and S3Proxy.",
    subcommands = {DemoCommand.class, BenchCommand.class, ServeCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:finished",
      "1:an export FAILED, or the demo or bench failed",
      "2:usage error: an unknown option, a missing required option, a malformed value"
    })
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(Main.execute(new DemoMain(), args));
  }
}
