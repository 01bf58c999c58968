package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant EARLIER = Instant.parse("2026-01-14T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-14T10:05:00Z");

  @Test
  void aNewConditionHasEveryField() {
    var conditions =
        Conditions.set(null, "Complete", false, "Running", "The export is running", 3, NOW);

    assertEquals(
        List.of(condition("Complete", "False", "Running", "The export is running", 3L, NOW)),
        conditions);
    var condition = conditions.getFirst();
    assertEquals("Complete", condition.getType());
    assertEquals("False", condition.getStatus());
    assertEquals("Running", condition.getReason());
    assertEquals("The export is running", condition.getMessage());
    assertEquals(3L, condition.getObservedGeneration());
    assertEquals("2026-01-14T10:05:00Z", condition.getLastTransitionTime());
  }

  @Test
  void reasonsFromFailureCodesMeetTheCrdsPattern() {
    assertEquals("S3NoSuchBucket", Conditions.reason("S3NoSuchBucket"));
    assertEquals("Access_Denied", Conditions.reason("Access-Denied"));
    assertEquals("Code_503", Conditions.reason("503"));
    assertEquals("Code_", Conditions.reason(""));
    assertEquals("Code_", Conditions.reason(null));
    assertEquals("Slow_Down_", Conditions.reason("Slow Down."));
    assertEquals("Throttled", Conditions.reason("Throttled:,"));
    assertEquals("a".repeat(1024), Conditions.reason("a".repeat(2000)));
    var pattern = Pattern.compile("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    for (var code : List.of("x.y", "élan", "_leading", "ends,", "9lives", "a b c", ":")) {
      var reason = Conditions.reason(code);
      assertTrue(pattern.matcher(reason).matches(), code + " -> " + reason);
    }
  }

  @Test
  void setSanitizesTheReason() {
    var conditions = Conditions.set(null, "Failed", true, "S3.AccessDenied", "denied", 1, NOW);

    assertEquals("S3_AccessDenied", conditions.getFirst().getReason());
  }

  @Test
  void anEmptyListGetsTheCondition() {
    var conditions = Conditions.set(List.of(), "Failed", true, "S3NoSuchBucket", "gone", 1, NOW);

    assertEquals(
        List.of(condition("Failed", "True", "S3NoSuchBucket", "gone", 1L, NOW)), conditions);
  }

  @Test
  void theSameStatusKeepsItsTransitionTime() {
    var before = List.of(condition("Complete", "False", "Running", "running", 1L, EARLIER));

    var after = Conditions.set(before, "Complete", false, "S3NoSuchBucket", "gone", 2, NOW);

    assertEquals(
        List.of(condition("Complete", "False", "S3NoSuchBucket", "gone", 2L, EARLIER)), after);
  }

  @Test
  void aNewStatusIsATransition() {
    var before = List.of(condition("Complete", "False", "Running", "running", 1L, EARLIER));

    var after = Conditions.set(before, "Complete", true, "Completed", "500 items", 1, NOW);

    assertEquals(List.of(condition("Complete", "True", "Completed", "500 items", 1L, NOW)), after);
  }

  @Test
  void otherTypesAreKept() {
    var ready = condition("Ready", "True", "Ready", "ready", 1L, EARLIER);
    var before = List.of(ready, condition("Complete", "False", "Running", "running", 1L, EARLIER));

    var after = Conditions.set(before, "Complete", false, "S3NoSuchBucket", "gone", 1, NOW);
    var failed = Conditions.set(after, "Failed", true, "S3NoSuchBucket", "gone", 1, NOW);

    assertEquals(
        List.of(ready, condition("Complete", "False", "S3NoSuchBucket", "gone", 1L, EARLIER)),
        after);
    assertEquals(
        List.of(
            ready,
            condition("Complete", "False", "S3NoSuchBucket", "gone", 1L, EARLIER),
            condition("Failed", "True", "S3NoSuchBucket", "gone", 1L, NOW)),
        failed);
    assertEquals(2, before.size());
  }

  @Test
  void thereIsOneConditionPerType() {
    var before =
        List.of(
            condition("Complete", "False", "Running", "running", 1L, EARLIER),
            condition("Complete", "False", "Running", "running again", 1L, EARLIER));

    var after = Conditions.set(before, "Complete", true, "Completed", "done", 1, NOW);

    assertEquals(List.of(condition("Complete", "True", "Completed", "done", 1L, NOW)), after);
  }

  private static Condition condition(
      String type, String status, String reason, String message, Long generation, Instant time) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(time.toString())
        .build();
  }
}
