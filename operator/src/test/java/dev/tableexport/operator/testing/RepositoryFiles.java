package dev.tableexport.operator.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found from the working directory up (tests run in operator/). */
public final class RepositoryFiles {

  private RepositoryFiles() {}

  /** {@code relative} in the first directory, from the working directory up, that has it. */
  public static Path find(String relative) {
    for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      var file = dir.resolve(relative);
      if (Files.exists(file)) {
        return file;
      }
    }
    throw new IllegalStateException("no " + relative + " above " + Path.of("").toAbsolutePath());
  }
}
