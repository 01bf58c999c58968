package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSetupTest {

  @Test
  void dynamoDbLocalStreamsAreTimedToTheMinute() {
    assertEquals(Duration.ofMinutes(1),
        StreamSetup.timePrecision("arn:aws:dynamodb:ddblocal:000000000000:table/orders/stream/2024-05-01T09:00:00.000"));
  }

  @Test
  void dynamoDbStreamsAreTimedToTheSecond() {
    assertEquals(Duration.ofSeconds(1),
        StreamSetup.timePrecision("arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-05-01T09:00:00.000"));
  }
}
