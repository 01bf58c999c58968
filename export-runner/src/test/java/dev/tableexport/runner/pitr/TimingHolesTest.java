package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.contract.BackupHole;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingHolesTest {

  private static final long SECOND = 1_000_000;

  @Test
  void overlappingSpansMergeIntoOneHole() {
    var holes = new TimingHoles(List.of());

    holes.widen(10 * SECOND, 20 * SECOND);
    holes.widen(15 * SECOND, 30 * SECOND);
    holes.widen(40 * SECOND, 50 * SECOND);

    assertEquals(List.of(new TimingHoles.Span(10 * SECOND, 30 * SECOND), new TimingHoles.Span(40 * SECOND, 50 * SECOND)),
        holes.spans());
  }

  @Test
  void aSpanBridgingTwoHolesMergesThem() {
    var holes = new TimingHoles(List.of());
    holes.widen(10 * SECOND, 20 * SECOND);
    holes.widen(40 * SECOND, 50 * SECOND);

    holes.widen(5 * SECOND, 45 * SECOND);

    assertEquals(List.of(new TimingHoles.Span(5 * SECOND, 50 * SECOND)), holes.spans());
  }

  @Test
  void aWideningStaysUnpublishedUntilPublished() {
    var holes = new TimingHoles(List.of());
    assertFalse(holes.unpublished());

    holes.widen(10 * SECOND, 20 * SECOND);
    assertTrue(holes.unpublished());
    var published = holes.published();

    assertFalse(holes.unpublished());
    assertEquals(List.of(new BackupHole(MicrosClock.toInstant(10 * SECOND), MicrosClock.toInstant(20 * SECOND))),
        published);
  }

  @Test
  void holesOfAPreviousRunAreKeptAndCountAsPublished() {
    var previous = new BackupHole(MicrosClock.toInstant(10 * SECOND), MicrosClock.toInstant(20 * SECOND));

    var holes = new TimingHoles(List.of(previous));

    assertFalse(holes.unpublished());
    assertEquals(List.of(previous), holes.holes());
    holes.widen(18 * SECOND, 25 * SECOND);
    assertEquals(List.of(new TimingHoles.Span(10 * SECOND, 25 * SECOND)), holes.spans(),
        "a restarted recorder's late changes extend the hole it left open");
  }

  @Test
  void holesEndingByTheEarliestRestorableTimeAreForgotten() {
    var holes = new TimingHoles(List.of());
    holes.widen(10 * SECOND, 20 * SECOND);
    holes.widen(30 * SECOND, 40 * SECOND);

    holes.dropEndingBy(20 * SECOND);

    assertEquals(List.of(new TimingHoles.Span(30 * SECOND, 40 * SECOND)), holes.spans());
    assertEquals(30 * SECOND, holes.latestStart());
    assertEquals(40 * SECOND, holes.latestEnd());
  }
}
