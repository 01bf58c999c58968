package dev.tableexport.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;

/** Writes times in results as the manifests do: ISO 8601, UTC, milliseconds. */
final class AwsTimestampSerializer extends StdSerializer<Instant> {

  AwsTimestampSerializer() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    json.writeString(AwsTimestamps.format(value));
  }
}
