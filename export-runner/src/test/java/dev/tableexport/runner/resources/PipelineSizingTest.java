package dev.tableexport.runner.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.runner.export.ExportPipeline;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PipelineSizingTest {

  private static final long MIB = 1L << 20;
  private static final ContainerLimits NONE =
      new ContainerLimits(OptionalDouble.empty(), OptionalLong.empty());

  @Test
  void threadsFollowTheCpuLimitNotTheNodesCores() {
    var limits = new ContainerLimits(OptionalDouble.of(1.5), OptionalLong.of(4096 * MIB));

    var settings = PipelineSizing.of(limits, 64, 3072 * MIB).settings();

    assertEquals(2, settings.encoderThreads());
    assertEquals(4, settings.scanThreads());
    assertEquals(16 * MIB, settings.maxDataFileBytes());
  }

  @Test
  void withoutACpuLimitTheMemoryLimitBoundsTheThreadsOfALargeNode() {
    var limits = new ContainerLimits(OptionalDouble.empty(), OptionalLong.of(1024 * MIB));

    var settings = PipelineSizing.of(limits, 64, 768 * MIB).settings();

    assertTrue(settings.encoderThreads() < 64, "encoders: " + settings.encoderThreads());
    assertTrue(inFlight(settings) <= 384 * MIB, "in flight: " + inFlight(settings) / MIB + " MiB");
  }

  @Test
  void aSmallHeapGetsOneEncoderAndSmallerDataFiles() {
    var settings = PipelineSizing.of(NONE, 8, 64 * MIB).settings();

    assertEquals(1, settings.encoderThreads());
    assertTrue(settings.maxDataFileBytes() < 16 * MIB);
    assertTrue(inFlight(settings) <= 32 * MIB, "in flight: " + inFlight(settings) / MIB + " MiB");
  }

  @Test
  void aHeapLargerThanTheMemoryLimitIsSizedByTheLimit() {
    var limits = new ContainerLimits(OptionalDouble.of(4), OptionalLong.of(256 * MIB));

    assertEquals(192 * MIB, PipelineSizing.of(limits, 4, 4096 * MIB).heapBytes());
  }

  @Test
  void slowPagesMayAddScanThreadsAsFarAsHalfTheHeapHolds() {
    var settings = PipelineSizing.of(NONE, 2, 256 * MIB).settings();

    assertTrue(settings.maxScanThreads() > settings.scanThreads(), settings.toString());
    assertTrue(inFlight(settings) <= 128 * MIB, "in flight: " + inFlight(settings) / MIB + " MiB");
    assertTrue(inFlight(settings) + PipelineSizing.PAGE_BYTES > 128 * MIB,
        "one scan thread more would still fit: " + settings);
  }

  @Test
  void theSegmentCountIsLeftToTheTablesSize() {
    assertEquals(0, PipelineSizing.of(NONE, 4, 1024 * MIB).settings().scanSegments());
  }

  /** With every scan thread the scan may add. */
  private static long inFlight(ExportPipeline.Settings settings) {
    return (settings.encoderThreads() + settings.uploadThreads())
        * (settings.maxDataFileBytes() + MIB)
        + (settings.maxScanThreads() + 2L * settings.encoderThreads()) * PipelineSizing.PAGE_BYTES;
  }
}
