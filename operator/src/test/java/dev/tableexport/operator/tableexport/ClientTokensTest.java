package dev.tableexport.operator.tableexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tableexport.operator.api.ExportFormat;
import dev.tableexport.operator.api.TableExportSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

  @Test
  void parametersIgnoreTheTokenAndSeeEveryOtherField() {
    var spec = spec("t-1");
    var sameButToken = spec("t-2");
    var otherFormat = spec("t-1");
    otherFormat.setExportFormat(ExportFormat.ION);

    assertEquals(ClientTokens.parameters(spec), ClientTokens.parameters(sameButToken));
    assertNotEquals(ClientTokens.parameters(spec), ClientTokens.parameters(otherFormat));
  }

  @Test
  void aTokenStaysValidEightHoursAfterItsExportEnded() {
    var ended = new ClientTokens.Use("p", "first", "2026-01-14T10:00:00Z", null);

    assertTrue(ended.validAt(Instant.parse("2026-01-14T17:59:59Z")));
    assertFalse(ended.validAt(Instant.parse("2026-01-14T18:00:00Z")));
  }

  @Test
  void aTokenOfARunningExportIsValid() {
    assertTrue(new ClientTokens.Use("p", "first", null, null).validAt(Instant.parse("2030-01-01T00:00:00Z")));
  }

  private static TableExportSpec spec(String token) {
    var spec = new TableExportSpec();
    spec.setTableArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    spec.setS3Bucket("exports");
    spec.setExportFormat(ExportFormat.DYNAMODB_JSON);
    spec.setClientToken(token);
    return spec;
  }
}
