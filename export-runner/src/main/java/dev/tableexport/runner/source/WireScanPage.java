package dev.tableexport.runner.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tableexport.runner.format.WireItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of one Scan response, as the JSON they came in: {@link WireItemsInterceptor} fills it
 * from the response's body, and hands the SDK the rest of the body (Count, LastEvaluatedKey,
 * ConsumedCapacity, ...), which it unmarshals as usual. Items are only delimited here, not parsed:
 * the encoder that writes them parses each once.
 */
public final class WireScanPage {

  private static final JsonFactory JSON = new JsonFactory();

  private volatile List<WireItem> items;

  /** The items of the response; null until a response has been read. */
  public List<WireItem> items() {
    return items;
  }

  /**
   * Takes the items out of a Scan response's body and returns the rest of it. A retried request
   * reads its response again, and the last one read is the one the SDK returned.
   */
  byte[] split(byte[] body) throws IOException {
    var items = new ArrayList<WireItem>();
    var rest = new ByteArrayOutputStream(256);
    try (var parser = JSON.createParser(body);
        var generator = JSON.createGenerator(rest)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(parser, "A Scan response is not a JSON object");
      }
      generator.writeStartObject();
      for (var name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        var token = parser.nextToken();
        if (name.equals("Items") && token == JsonToken.START_ARRAY) {
          for (token = parser.nextToken(); token == JsonToken.START_OBJECT;
              token = parser.nextToken()) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getByteOffset();
            items.add(new WireItem(body, start, end - start));
          }
          if (token != JsonToken.END_ARRAY) {
            throw new JsonParseException(parser, "Scan response Items hold a " + token);
          }
        } else {
          generator.writeFieldName(name);
          generator.copyCurrentStructure(parser);
        }
      }
      generator.writeEndObject();
    }
    this.items = items;
    return rest.toByteArray();
  }
}
