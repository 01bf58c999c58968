package dev.tableexport.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Instant;

/** Reads the times {@link AwsTimestampSerializer} writes. */
final class AwsTimestampDeserializer extends StdDeserializer<Instant> {

  AwsTimestampDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser json, DeserializationContext context) throws IOException {
    return AwsTimestamps.parse(json.getValueAsString());
  }
}
