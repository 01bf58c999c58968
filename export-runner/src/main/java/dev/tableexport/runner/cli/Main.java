package dev.tableexport.runner.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;

public final class Main {

  private Main() {}

  public static void main(String[] args) {
    var commandLine =
        new CommandLine(new RunnerCommand())
            .setExecutionExceptionHandler(
                (exception, command, parsed) -> {
                  LoggerFactory.getLogger(Main.class).error("{} failed: {}",
                      command.getCommandName(), exception.toString(), exception);
                  return 1;
                });
    System.exit(commandLine.execute(args));
  }
}
