package dev.tableexport.operator.api;

/** Whether a schedule's run may start while its previous run is still running. */
public enum ConcurrencyPolicy {
  Forbid,
  Allow
}
