package dev.tableexport.runner.compact;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.export.ExportFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A full export and the incremental exports that continue it, each starting exactly where the one
 * before ended: the table's state at the last link's end, with nothing missed or counted twice.
 */
public record ExportChain(List<ChainLink> links) {

  /** Reads the exports' manifests from S3, and makes them a chain, in this order. */
  public static ExportChain read(S3Client s3, List<ManifestLocation> manifests) {
    var reader = new ExportManifests(s3);
    return of(manifests.stream().map(reader::read).toList());
  }

  /** The chain of these links, in this order; a link that does not continue it is refused. */
  public static ExportChain of(List<ChainLink> links) {
    if (links.isEmpty()) {
      throw invalid("Give at least one --manifest: a full export's, then its incremental exports'");
    }
    var base = links.getFirst();
    if (!base.full()) {
      throw invalid("The first --manifest must be a full export's, but " + base.describe()
          + " is not. Give the full export the chain starts from first");
    }
    for (int i = 1; i < links.size(); i++) {
      var link = links.get(i);
      if (!link.incremental()) {
        throw invalid("--manifest " + (i + 1) + ", " + link.describe() + ", is not an incremental"
            + " export: only the first --manifest is a full export, the others are incremental"
            + " exports that continue it");
      }
      checkSameTable(base, link, i);
    }
    for (int i = 2; i < links.size(); i++) {
      checkOrder(links.get(i - 1), links.get(i), i);
    }
    for (int i = 1; i < links.size(); i++) {
      checkContinues(links.get(i - 1), links.get(i), i);
    }
    return new ExportChain(List.copyOf(links));
  }

  public ChainLink base() {
    return links.getFirst();
  }

  /** The time of the table's state the chain ends at: the last link's exportToTime. */
  public Instant exportTime() {
    return links.getLast().endTime();
  }

  private static void checkSameTable(ChainLink base, ChainLink link, int index) {
    var ours = base.summary();
    var theirs = link.summary();
    if (!ours.tableArn().equals(theirs.tableArn())
        || (ours.tableId() != null && !ours.tableId().equals(theirs.tableId()))) {
      throw invalid("--manifest " + (index + 1) + ", " + link.location()
          + ", is an export of table " + theirs.tableArn() + " (table id " + theirs.tableId()
          + "), but the full export " + base.location() + " is of table " + ours.tableArn()
          + " (table id " + ours.tableId()
          + "): a chain is of one table");
    }
  }

  private static void checkOrder(ChainLink previous, ChainLink link, int index) {
    var start = link.summary().exportFromTime();
    var previousStart = previous.summary().exportFromTime();
    if (start.isBefore(previousStart)) {
      throw invalid("The manifests are out of order: --manifest " + (index + 1) + " starts at "
          + start + ", before --manifest " + index + ", which starts at " + previousStart
          + ". Give the incremental exports in the order they follow each other, oldest first");
    }
  }

  /** Link n's exportFromTime must be link n-1's end: its exportToTime, or the full export's. */
  private static void checkContinues(ChainLink previous, ChainLink link, int index) {
    var end = previous.endTime();
    var start = link.summary().exportFromTime();
    if (start.equals(end)) {
      return;
    }
    var endName = previous.full() ? "exportTime" : "exportToTime";
    var relation = start.isAfter(end)
        ? "a gap of " + Duration.between(end, start) + " between them: the changes in [" + end
            + ", " + start + ") are in neither. Export that window incrementally and give it in"
            + " between"
        : "an overlap of " + Duration.between(start, end) + ": the changes in [" + start + ", "
            + end + ") would be applied twice. Give exports whose windows meet end to start";
    throw invalid("--manifest " + (index + 1) + " does not continue --manifest " + index
        + ": its exportFromTime is " + start + " but the " + endName + " of " + previous.location()
        + " is " + end + ", " + relation);
  }

  private static ExportFailure invalid(String message) {
    return new ExportFailure(FailureCodes.VALIDATION, message + ".");
  }
}
