package dev.tableexport.runner.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;

public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(new RunnerCommand(), args));
  }

  /** Runs a command line of {@code root}; a failure is logged with its cause and exits 1. */
  public static int execute(Object root, String... args) {
    var commandLine =
        new CommandLine(root)
            .setExecutionExceptionHandler(
                (exception, command, parsed) -> {
                  LoggerFactory.getLogger(Main.class).error("{} failed: {}",
                      command.getCommandName(), exception.toString(), exception);
                  return 1;
                });
    return commandLine.execute(args);
  }
}
