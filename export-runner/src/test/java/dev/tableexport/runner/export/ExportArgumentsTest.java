package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tableexport.contract.ExportResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportArgumentsTest {

  @Test
  void rejectedDescriptionHoldsWhatTheCallerGaveAndTheFailure() throws Exception {
    var arguments =
        new ExportArguments(
            "bad-arn", "my-exports", null, null, null, null, "ION", null, null, null, "t", null);
    var failure = new ExportFailure("ValidationException", "1 validation error detected: x");

    var description =
        arguments.rejectedDescription(failure, Instant.parse("2026-01-14T10:18:50.622789Z"));

    assertEquals("FAILED", description.exportStatus());
    assertEquals("ValidationException", description.failureCode());
    assertEquals("1 validation error detected: x", description.failureMessage());
    assertEquals("bad-arn", description.tableArn());
    assertEquals("ION", description.exportFormat());
    assertEquals("t", description.clientToken());
    assertEquals(Instant.parse("2026-01-14T10:18:50.622Z"), description.startTime());
    assertNull(description.exportArn());
    var result = new ExportResult(description);
    assertEquals(result, ExportResult.parse(result.toJson()));
  }
}
