package dev.tableexport.runner.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads an item in DynamoDB's wire JSON token by token and writes it to an {@link AttributeWriter}
 * as it goes, with no tree of values in between: what DynamoDbJsonReader builds SDK values from,
 * streamed. Strings and numbers are handed over as the parser's own characters.
 */
final class WireItemReader {

  private static final JsonFactory JSON = new JsonFactory();

  private WireItemReader() {}

  static void write(WireItem item, AttributeWriter writer) throws IOException {
    try (var parser = JSON.createParser(item.json(), item.offset(), item.length())) {
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
      writer.startAttributes();
      members(parser, writer);
      writer.endAttributes();
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "Unexpected content after the item");
      }
    }
  }

  /** From an attribute map's START_OBJECT up to and including its END_OBJECT. */
  private static void members(JsonParser parser, AttributeWriter writer) throws IOException {
    for (var name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      writer.name(name);
      value(parser, parser.nextToken(), writer);
    }
    expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
  }

  private static void value(JsonParser parser, JsonToken start, AttributeWriter writer)
      throws IOException {
    expect(parser, start, JsonToken.START_OBJECT);
    var type = parser.nextFieldName();
    if (type == null) {
      throw new JsonParseException(parser, "An attribute value has no type");
    }
    var token = parser.nextToken();
    switch (type) {
      case "S" -> string(parser, token, writer);
      case "N" -> number(parser, token, writer);
      case "B" -> binary(parser, token, writer);
      case "BOOL" -> writer.bool(bool(parser, token));
      case "NULL" -> {
        if (!bool(parser, token)) {
          throw new JsonParseException(parser, "NULL must be true");
        }
        writer.nul();
      }
      case "SS" -> set(parser, token, writer, AttributeWriter.SetType.SS, WireItemReader::string);
      case "NS" -> set(parser, token, writer, AttributeWriter.SetType.NS, WireItemReader::number);
      case "BS" -> set(parser, token, writer, AttributeWriter.SetType.BS, WireItemReader::binary);
      case "M" -> {
        expect(parser, token, JsonToken.START_OBJECT);
        writer.startMap();
        members(parser, writer);
        writer.endMap();
      }
      case "L" -> {
        expect(parser, token, JsonToken.START_ARRAY);
        writer.startList();
        for (var element = parser.nextToken(); element != JsonToken.END_ARRAY;
            element = parser.nextToken()) {
          value(parser, element, writer);
        }
        writer.endList();
      }
      default -> throw new JsonParseException(parser, "Unknown attribute type " + type);
    }
    if (parser.nextToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "An attribute value has more than one type");
    }
  }

  /** Reads one scalar whose token the parser is on. */
  @FunctionalInterface
  private interface Scalar {
    void read(JsonParser parser, JsonToken token, AttributeWriter writer) throws IOException;
  }

  private static void set(JsonParser parser, JsonToken start, AttributeWriter writer,
      AttributeWriter.SetType type, Scalar element) throws IOException {
    expect(parser, start, JsonToken.START_ARRAY);
    writer.startSet(type);
    for (var token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      element.read(parser, token, writer);
    }
    writer.endSet();
  }

  private static void string(JsonParser parser, JsonToken token, AttributeWriter writer)
      throws IOException {
    expect(parser, token, JsonToken.VALUE_STRING);
    writer.string(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
  }

  private static void number(JsonParser parser, JsonToken token, AttributeWriter writer)
      throws IOException {
    expect(parser, token, JsonToken.VALUE_STRING);
    var text = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    writer.number(text, offset, length, NumberText.parse(text, offset, length));
  }

  private static void binary(JsonParser parser, JsonToken token, AttributeWriter writer)
      throws IOException {
    expect(parser, token, JsonToken.VALUE_STRING);
    writer.binary(parser.getBinaryValue());
  }

  private static boolean bool(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw new JsonParseException(parser, "Expected a boolean, found " + token);
    }
    return token == JsonToken.VALUE_TRUE;
  }

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected)
      throws IOException {
    if (actual != expected) {
      throw new JsonParseException(parser, "Expected " + expected + ", found " + actual);
    }
  }
}
