package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ExportType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleSettingsTest {

  private static final Instant START = Instant.parse("2026-01-14T10:00:00Z");

  private static String refusal(ScheduleSimulation simulation) {
    return assertThrows(IllegalArgumentException.class,
        () -> ScheduleSettings.of(simulation.schedule)).getMessage();
  }

  @Test
  void anIncrementalChainMoreFrequentThanFifteenMinutesIsRefused() {
    var chain = new ScheduleSimulation("0,10,30 * * * *", ExportType.INCREMENTAL_EXPORT, START);

    assertEquals("spec.schedule '0,10,30 * * * *' has runs 10 minutes apart, and DynamoDB takes"
        + " no incremental export window shorter than 15 minutes: schedule an incremental chain"
        + " at least 15 minutes apart, such as */15 * * * *", refusal(chain));
  }

  @Test
  void fullExportsMayRunAsOftenAsTheCronSays() {
    var full = new ScheduleSimulation("*/5 * * * *", ExportType.FULL_EXPORT, START);

    assertEquals("*/5 * * * *", ScheduleSettings.of(full.schedule).cron().expression());
  }

  @Test
  void defaultsAreUtcAndAStartingDeadlineOfFifteenMinutes() {
    var settings = ScheduleSettings.of(
        new ScheduleSimulation("@daily", ExportType.FULL_EXPORT, START).schedule);

    assertEquals("UTC", settings.cron().zone().getId());
    assertEquals(Duration.ofMinutes(15), settings.startingDeadline());
  }

  @Test
  void aBadTimeZoneCronDeadlineOrNameSaysWhatToChange() {
    var simulation = new ScheduleSimulation("@daily", ExportType.FULL_EXPORT, START);
    simulation.spec().setTimeZone("Mars/Olympus");
    assertTrue(refusal(simulation).startsWith("spec.timeZone Mars/Olympus is not an IANA time"));

    simulation.spec().setTimeZone("Europe/Paris");
    simulation.spec().setSchedule("0 25 * * *");
    assertEquals("spec.schedule: '25' is not a valid hour: use 0-23", refusal(simulation));

    simulation.spec().setSchedule("@daily");
    simulation.spec().setStartingDeadline("15 minutes");
    assertTrue(refusal(simulation).startsWith("spec.startingDeadline '15 minutes' is not a"));

    simulation.spec().setStartingDeadline("1h30m");
    assertEquals(Duration.ofMinutes(90),
        ScheduleSettings.of(simulation.schedule).startingDeadline());
    simulation.schedule.getMetadata().setName("a".repeat(41));
    assertTrue(refusal(simulation).contains("is longer than 40 characters"));
  }
}
