package dev.tableexport.runner.compact;

import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.manifest.ManifestSummary;
import java.time.Instant;
import java.util.List;

/**
 * One export of a chain, as its manifests describe it.
 *
 * @param files its data files, with the keys where they are stored now (see {@link
 *     ExportManifests})
 */
public record ChainLink(
    ManifestLocation location, ManifestSummary summary, List<DataFileEntry> files) {

  /** A full export's summary has an exportTime, an incremental one's a window and a view. */
  boolean full() {
    return !summary.incremental() && summary.exportTime() != null;
  }

  boolean incremental() {
    return summary.incremental() && summary.exportFromTime() != null
        && summary.exportToTime() != null;
  }

  /** The time of the table's state after this link: its exportTime, or its window's end. */
  Instant endTime() {
    return full() ? summary.exportTime() : summary.exportToTime();
  }

  String describe() {
    return location + (full()
        ? " (a full export at " + summary.exportTime() + ")"
        : " (an incremental export of [" + summary.exportFromTime() + ", "
            + summary.exportToTime() + "))");
  }
}
