package dev.tableexport.runner.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, so that it is written in one place: the pom. */
public final class RunnerVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    var version = RunnerVersion.class.getPackage().getImplementationVersion();
    return new String[] {"export-runner " + (version == null ? "(development build)" : version)};
  }
}
