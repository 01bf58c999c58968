package dev.tableexport.runner.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.manifest.ManifestSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportChainTest {

  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-21T09:15:00Z");
  private static final Instant T2 = Instant.parse("2026-11-21T09:30:00Z");
  private static final Instant T3 = Instant.parse("2026-11-21T09:45:00Z");

  @Test
  void contiguousLinksMakeAChainThatEndsAtTheLastExportToTime() {
    var chain = ExportChain.of(List.of(full(T0), link(T0, T1), link(T1, T2), link(T2, T3)));

    assertEquals(T3, chain.exportTime());
    assertEquals(T0, chain.base().summary().exportTime());
  }

  @Test
  void aFullExportAloneIsAChainAtItsExportTime() {
    assertEquals(T0, ExportChain.of(List.of(full(T0))).exportTime());
  }

  @Test
  void gapBetweenLinksIsRefusedNamingBothTimes() {
    var message = refused(full(T0), link(T0, T1), link(T2, T3));

    assertTrue(message.contains("--manifest 3 does not continue --manifest 2"), message);
    assertTrue(message.contains("exportFromTime is " + T2), message);
    assertTrue(message.contains("exportToTime of s3://b/1/manifest-summary.json is " + T1),
        message);
    assertTrue(message.contains("a gap of PT15M"), message);
  }

  @Test
  void firstIncrementalMustStartAtTheFullExportsTime() {
    var message = refused(full(T0), link(T1, T2));

    assertTrue(message.contains("exportFromTime is " + T1), message);
    assertTrue(message.contains("the exportTime of s3://b/0/manifest-summary.json is " + T0),
        message);
  }

  @Test
  void overlapIsRefusedNamingBothTimes() {
    var message = refused(full(T0), link(T0, T2), link(T1, T3));

    assertTrue(message.contains("an overlap of PT15M"), message);
    assertTrue(message.contains("exportFromTime is " + T1), message);
    assertTrue(message.contains("is " + T2), message);
  }

  @Test
  void linksOutOfOrderAreRefused() {
    var message = refused(full(T0), link(T1, T2), link(T0, T1));

    assertTrue(message.contains("out of order"), message);
    assertTrue(message.contains("oldest first"), message);
  }

  @Test
  void linkOfAnotherTableIsRefused() {
    var other = new ChainLink(location(1), summary(TABLE.replace("orders", "users"), "id-1", null,
        T0, T1), List.of());

    var message = refused(full(T0), other);

    assertTrue(message.contains("table/users"), message);
    assertTrue(message.contains("a chain is of one table"), message);
  }

  @Test
  void linkOfARecreatedTableOfTheSameNameIsRefused() {
    var recreated = new ChainLink(location(1), summary(TABLE, "id-2", null, T0, T1), List.of());

    assertTrue(refused(full(T0), recreated).contains("table id id-2"));
  }

  @Test
  void firstManifestMustBeAFullExport() {
    var message = refused(link(T0, T1), link(T1, T2));

    assertTrue(message.contains("The first --manifest must be a full export's"), message);
  }

  @Test
  void onlyTheFirstManifestMayBeAFullExport() {
    var message = refused(full(T0), full(T1));

    assertTrue(message.contains("--manifest 2"), message);
    assertTrue(message.contains("is not an incremental export"), message);
  }

  private static String refused(ChainLink... links) {
    var failure = assertThrows(ExportFailure.class, () -> ExportChain.of(List.of(links)));
    assertEquals("ValidationException", failure.code());
    return failure.getMessage();
  }

  private int next;

  private ChainLink full(Instant exportTime) {
    return new ChainLink(location(next++), summary(TABLE, "id-1", exportTime, null, null),
        List.of());
  }

  private ChainLink link(Instant from, Instant to) {
    return new ChainLink(location(next++), summary(TABLE, "id-1", null, from, to), List.of());
  }

  private static ManifestLocation location(int index) {
    return new ManifestLocation("b", index + "/manifest-summary.json");
  }

  private static ManifestSummary summary(
      String tableArn, String tableId, Instant exportTime, Instant from, Instant to) {
    return new ManifestSummary(tableArn + "/export/01768385930622-efd1a093", T3, T3, tableArn,
        tableId, exportTime, "b", null, "AES256", null, "k", 0, 0, "DYNAMODB_JSON", from, to,
        from == null ? null : "NEW_AND_OLD_IMAGES");
  }
}
