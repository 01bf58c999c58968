package dev.tableexport.runner.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads DynamoDB wire JSON, as {@link DynamoDbJsonItemEncoder} writes it, into SDK values. */
public final class DynamoDbJsonReader {

  private static final JsonFactory JSON = new JsonFactory();

  private DynamoDbJsonReader() {}

  /**
   * Reads the attribute map whose START_OBJECT the parser is on, up to and including its
   * END_OBJECT, where the parser is left.
   */
  public static Map<String, AttributeValue> readAttributes(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    var attributes = new LinkedHashMap<String, AttributeValue>();
    for (var name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      attributes.put(name, readValue(parser, parser.nextToken()));
    }
    expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
    return attributes;
  }

  /** Reads a JSON text that holds one attribute map and nothing else. */
  public static Map<String, AttributeValue> parseAttributes(String json) throws IOException {
    try (var parser = JSON.createParser(json)) {
      parser.nextToken();
      var attributes = readAttributes(parser);
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "Unexpected content after the attribute map");
      }
      return attributes;
    }
  }

  private static AttributeValue readValue(JsonParser parser, JsonToken start) throws IOException {
    expect(parser, start, JsonToken.START_OBJECT);
    var type = parser.nextFieldName();
    if (type == null) {
      throw new JsonParseException(parser, "An attribute value has no type");
    }
    var token = parser.nextToken();
    var value =
        switch (type) {
          case "S" -> AttributeValue.fromS(text(parser, token));
          case "N" -> AttributeValue.fromN(text(parser, token));
          case "B" -> AttributeValue.fromB(binary(parser, token));
          case "BOOL" -> AttributeValue.fromBool(bool(parser, token));
          case "NULL" -> {
            if (!bool(parser, token)) {
              throw new JsonParseException(parser, "NULL must be true");
            }
            yield AttributeValue.fromNul(true);
          }
          case "SS" -> AttributeValue.fromSs(texts(parser, token));
          case "NS" -> AttributeValue.fromNs(texts(parser, token));
          case "BS" -> AttributeValue.fromBs(binaries(parser, token));
          case "M" -> AttributeValue.fromM(readAttributes(parser));
          case "L" -> AttributeValue.fromL(values(parser, token));
          default -> throw new JsonParseException(parser, "Unknown attribute type " + type);
        };
    if (parser.nextToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "An attribute value has more than one type");
    }
    return value;
  }

  private static String text(JsonParser parser, JsonToken token) throws IOException {
    expect(parser, token, JsonToken.VALUE_STRING);
    return parser.getText();
  }

  private static SdkBytes binary(JsonParser parser, JsonToken token) throws IOException {
    expect(parser, token, JsonToken.VALUE_STRING);
    return SdkBytes.fromByteArrayUnsafe(parser.getBinaryValue());
  }

  private static boolean bool(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw new JsonParseException(parser, "Expected a boolean, found " + token);
    }
    return token == JsonToken.VALUE_TRUE;
  }

  private static List<String> texts(JsonParser parser, JsonToken start) throws IOException {
    expect(parser, start, JsonToken.START_ARRAY);
    var texts = new ArrayList<String>();
    for (var token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      texts.add(text(parser, token));
    }
    return texts;
  }

  private static List<SdkBytes> binaries(JsonParser parser, JsonToken start) throws IOException {
    expect(parser, start, JsonToken.START_ARRAY);
    var binaries = new ArrayList<SdkBytes>();
    for (var token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      binaries.add(binary(parser, token));
    }
    return binaries;
  }

  private static List<AttributeValue> values(JsonParser parser, JsonToken start)
      throws IOException {
    expect(parser, start, JsonToken.START_ARRAY);
    var values = new ArrayList<AttributeValue>();
    for (var token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      values.add(readValue(parser, token));
    }
    return values;
  }

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected)
      throws IOException {
    if (actual != expected) {
      throw new JsonParseException(parser, "Expected " + expected + ", found " + actual);
    }
  }
}
