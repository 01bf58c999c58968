package dev.tableexport.operator.schedule;

import dev.tableexport.operator.api.ExportChain;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a schedule does now: create a run or not, when to look again, and what its Ready condition
 * and status say.
 *
 * @param recheckAt when the plan may change without any object changing (a time comes due)
 * @param nextScheduleTime when the next run is due
 * @param chain the chain, for an incremental schedule; null for a full one
 * @param kept runs retention must not remove: the chain's newest link, and its base until a
 *     compaction of the chain has COMPLETED
 */
record Plan(
    Optional<RunRequest> create,
    Instant recheckAt,
    Instant nextScheduleTime,
    boolean ready,
    String reason,
    String message,
    ExportChain chain,
    Set<String> kept) {

  static Plan waiting(Instant recheckAt, Instant next, String reason, String message) {
    return new Plan(Optional.empty(), recheckAt, next, true, reason, message, null, Set.of());
  }

  static Plan creating(RunRequest run, Instant next, String message) {
    return new Plan(Optional.of(run), null, next, true, "RunCreated", message, null, Set.of());
  }

  static Plan stopped(String reason, String message) {
    return new Plan(Optional.empty(), null, null, false, reason, message, null, Set.of());
  }

  Plan withChain(ExportChain chain, Set<String> kept) {
    return new Plan(create, recheckAt, nextScheduleTime, ready, reason, message, chain, kept);
  }
}
