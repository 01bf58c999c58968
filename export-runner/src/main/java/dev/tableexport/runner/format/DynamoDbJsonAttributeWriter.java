package dev.tableexport.runner.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes attribute values in DynamoDB's wire JSON: {@code {"S":"x"}}, {@code {"NS":["1"]}}, ... */
final class DynamoDbJsonAttributeWriter implements AttributeWriter {

  private final JsonGenerator json;
  private boolean inSet;

  DynamoDbJsonAttributeWriter(JsonGenerator json) {
    this.json = json;
  }

  @Override
  public void startAttributes() throws IOException {
    json.writeStartObject();
  }

  @Override
  public void endAttributes() throws IOException {
    json.writeEndObject();
  }

  @Override
  public void name(String name) throws IOException {
    json.writeFieldName(name);
  }

  @Override
  public void startMap() throws IOException {
    json.writeStartObject();
    json.writeFieldName("M");
    json.writeStartObject();
  }

  @Override
  public void endMap() throws IOException {
    json.writeEndObject();
    json.writeEndObject();
  }

  @Override
  public void startList() throws IOException {
    json.writeStartObject();
    json.writeFieldName("L");
    json.writeStartArray();
  }

  @Override
  public void endList() throws IOException {
    json.writeEndArray();
    json.writeEndObject();
  }

  @Override
  public void startSet(SetType type) throws IOException {
    json.writeStartObject();
    json.writeFieldName(type.name());
    json.writeStartArray();
    inSet = true;
  }

  @Override
  public void endSet() throws IOException {
    inSet = false;
    json.writeEndArray();
    json.writeEndObject();
  }

  @Override
  public void string(char[] text, int offset, int length) throws IOException {
    typed("S");
    json.writeString(text, offset, length);
    endTyped();
  }

  @Override
  public void number(char[] text, int offset, int length, NumberText number) throws IOException {
    typed("N");
    json.writeString(text, offset, length);
    endTyped();
  }

  @Override
  public void binary(byte[] bytes) throws IOException {
    typed("B");
    json.writeBinary(bytes);
    endTyped();
  }

  @Override
  public void bool(boolean value) throws IOException {
    typed("BOOL");
    json.writeBoolean(value);
    endTyped();
  }

  @Override
  public void nul() throws IOException {
    typed("NULL");
    json.writeBoolean(true);
    endTyped();
  }

  /** A scalar is {@code {"<type>":value}}, except as an element of a set. */
  private void typed(String type) throws IOException {
    if (!inSet) {
      json.writeStartObject();
      json.writeFieldName(type);
    }
  }

  private void endTyped() throws IOException {
    if (!inSet) {
      json.writeEndObject();
    }
  }
}
