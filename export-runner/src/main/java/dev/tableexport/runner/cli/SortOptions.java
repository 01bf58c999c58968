package dev.tableexport.runner.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where and after how much heap a merge spills sorted runs: exports from a --pitr-store, and
 * compactions of an export chain.
 */
final class SortOptions {

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the merge (an export from --pitr-store, a compaction) spills sorted runs"
          + " (default: the system's temporary directory).")
  Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(names = "--sort-memory-mib", paramLabel = "MIB",
      description = "Heap the merge may fill before it spills to --work-dir (default: a quarter of"
          + " the heap, ${DEFAULT-VALUE}).")
  int sortMemoryMib = (int) Math.max(8, Runtime.getRuntime().maxMemory() / 4 >> 20);
}
