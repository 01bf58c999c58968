package dev.tableexport.runner.pitr;

import java.io.IOException;

/**
 * Collects the failures of clean-up steps that must all be tried: the first, the rest suppressed.
 */
final class IoFailures {

  private IoFailures() {}

  static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
