package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.contract.ExportDescription;
import dev.tableexport.operator.api.TableExportStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How an ExportDescription, the runner's or the store's, is mirrored into the status. */
class ExportStatusUpdatesTest {

  private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/export/x";

  @Test
  void everyOutputFieldIsMirrored() {
    var status = new TableExportStatus();

    ExportStatusUpdates.copy(description(Instant.parse("2026-01-14T10:00:00Z"),
        Instant.parse("2026-01-14T10:05:00Z"), "p/AWSDynamoDB/x/manifest-summary.json"), status);

    assertEquals(ARN, status.getExportArn());
    assertEquals("2026-01-14T10:00:00Z", status.getStartTime());
    assertEquals("2026-01-14T10:05:00Z", status.getEndTime());
    assertEquals("2026-01-14T09:59:00Z", status.getExportTime());
    assertEquals("p/AWSDynamoDB/x/manifest-summary.json", status.getExportManifest());
    assertEquals(3L, status.getItemCount());
    assertEquals(120L, status.getBilledSizeBytes());
    assertEquals("table-id", status.getTableId());
  }

  /** moto leaves the times and the manifest out; what the operator noted itself stays. */
  @Test
  void timesTheDescriptionLeavesOutKeepTheStatusValues() {
    var status = new TableExportStatus();
    status.setStartTime("2026-01-14T10:00:00.123Z");

    ExportStatusUpdates.copy(description(null, null, null), status);

    assertEquals("2026-01-14T10:00:00.123Z", status.getStartTime());
    assertEquals(null, status.getExportManifest());
    assertEquals(3L, status.getItemCount());
  }

  private static ExportDescription description(Instant start, Instant end, String manifest) {
    return new ExportDescription(ARN, "COMPLETED", start, end, manifest, null, "table-id",
        Instant.parse("2026-01-14T09:59:00Z"), null, "exports", null, "p", null, null, null, null,
        "DYNAMODB_JSON", 120L, 3L, "FULL_EXPORT", null);
  }
}
