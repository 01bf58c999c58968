package dev.tableexport.runner.format;

import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes DynamoDB attribute values in one export format's syntax, as a stream of events: the
 * items of a scan come to it straight from the Scan response's JSON ({@link WireItemReader}), and
 * items held as SDK values (the backup's, incremental records) through {@link #attributes(Map)}.
 */
interface AttributeWriter {

  /** An attribute map that is not a value: an item, keys, an image. Names and values follow. */
  void startAttributes() throws IOException;

  void endAttributes() throws IOException;

  void name(String name) throws IOException;

  /** An M value; names and values follow. */
  void startMap() throws IOException;

  void endMap() throws IOException;

  /** An L value; values follow. */
  void startList() throws IOException;

  void endList() throws IOException;

  /**
   * An SS, NS or BS value; its elements follow as {@link #string}, {@link #number} or {@link
   * #binary}.
   */
  void startSet(SetType type) throws IOException;

  void endSet() throws IOException;

  void string(char[] text, int offset, int length) throws IOException;

  /** A number's text, which {@code number} has read. */
  void number(char[] text, int offset, int length, NumberText number) throws IOException;

  void binary(byte[] bytes) throws IOException;

  void bool(boolean value) throws IOException;

  void nul() throws IOException;

  enum SetType {
    SS,
    NS,
    BS
  }

  /** Writes an attribute map held as SDK values. */
  default void attributes(Map<String, AttributeValue> attributes) throws IOException {
    startAttributes();
    members(attributes);
    endAttributes();
  }

  private void members(Map<String, AttributeValue> attributes) throws IOException {
    for (var attribute : attributes.entrySet()) {
      name(attribute.getKey());
      value(attribute.getValue());
    }
  }

  private void value(AttributeValue value) throws IOException {
    switch (value.type()) {
      case S -> string(value.s());
      case N -> number(value.n());
      case B -> binary(value.b().asByteArrayUnsafe());
      case BOOL -> bool(value.bool());
      case NUL -> nul();
      case SS -> {
        startSet(SetType.SS);
        for (var element : value.ss()) {
          string(element);
        }
        endSet();
      }
      case NS -> {
        startSet(SetType.NS);
        for (var element : value.ns()) {
          number(element);
        }
        endSet();
      }
      case BS -> {
        startSet(SetType.BS);
        for (var element : value.bs()) {
          binary(element.asByteArrayUnsafe());
        }
        endSet();
      }
      case M -> {
        startMap();
        members(value.m());
        endMap();
      }
      case L -> {
        startList();
        for (var element : value.l()) {
          value(element);
        }
        endList();
      }
      case UNKNOWN_TO_SDK_VERSION ->
          throw new IOException(
              "The table returned an attribute of a type this runner does not know");
    }
  }

  private void string(String text) throws IOException {
    string(text.toCharArray(), 0, text.length());
  }

  private void number(String text) throws IOException {
    var chars = text.toCharArray();
    number(chars, 0, chars.length, NumberText.parse(chars, 0, chars.length));
  }
}
