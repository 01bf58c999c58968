package dev.tableexport.runner.cli;

import picocli.CommandLine;

public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new RunnerCommand()).execute(args));
  }
}
