package dev.tableexport.runner.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes {@code {"Item":{...}}} lines, or incremental {@code {"Metadata":{...},"Keys":{...},...}}
 * lines, in DynamoDB's wire JSON, as DYNAMODB_JSON exports hold.
 */
final class DynamoDbJsonItemEncoder implements ItemEncoder {

  private static final JsonFactory JSON =
      new JsonFactoryBuilder()
          .rootValueSeparator((String) null)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final JsonGenerator json;
  private final ItemSize sizedAttributes;

  DynamoDbJsonItemEncoder(OutputStream out) throws IOException {
    this.json = JSON.createGenerator(out);
    this.sizedAttributes = new ItemSize(new DynamoDbJsonAttributeWriter(json));
  }

  @Override
  public long writeItem(WireItem item) throws IOException {
    json.writeStartObject();
    json.writeFieldName("Item");
    long before = sizedAttributes.size();
    WireItemReader.write(item, sizedAttributes);
    json.writeEndObject();
    json.writeRaw('\n');
    return sizedAttributes.size() - before;
  }

  @Override
  public void writeItem(Map<String, AttributeValue> item) throws IOException {
    json.writeStartObject();
    writeAttributes("Item", item);
    json.writeEndObject();
    json.writeRaw('\n');
  }

  @Override
  public void writeIncrementalRecord(IncrementalRecord record) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("Metadata");
    json.writeObjectFieldStart("WriteTimestampMicros");
    json.writeStringField("N", Long.toString(record.writeTimestampMicros()));
    json.writeEndObject();
    json.writeEndObject();
    writeAttributes("Keys", record.keys());
    if (record.oldImage() != null) {
      writeAttributes("OldImage", record.oldImage());
    }
    if (record.newImage() != null) {
      writeAttributes("NewImage", record.newImage());
    }
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void writeAttributes(String fieldName, Map<String, AttributeValue> attributes)
      throws IOException {
    json.writeFieldName(fieldName);
    writeAttributes(attributes);
  }

  private void writeAttributes(Map<String, AttributeValue> attributes) throws IOException {
    json.writeStartObject();
    for (var attribute : attributes.entrySet()) {
      json.writeFieldName(attribute.getKey());
      writeValue(attribute.getValue());
    }
    json.writeEndObject();
  }

  private void writeValue(AttributeValue value) throws IOException {
    json.writeStartObject();
    switch (value.type()) {
      case S -> json.writeStringField("S", value.s());
      case N -> json.writeStringField("N", value.n());
      case B -> json.writeStringField("B", base64(value.b()));
      case BOOL -> json.writeBooleanField("BOOL", value.bool());
      case NUL -> json.writeBooleanField("NULL", true);
      case SS -> writeStrings("SS", value.ss());
      case NS -> writeStrings("NS", value.ns());
      case BS -> {
        json.writeArrayFieldStart("BS");
        for (var bytes : value.bs()) {
          json.writeString(base64(bytes));
        }
        json.writeEndArray();
      }
      case M -> writeAttributes("M", value.m());
      case L -> {
        json.writeArrayFieldStart("L");
        for (var element : value.l()) {
          writeValue(element);
        }
        json.writeEndArray();
      }
      case UNKNOWN_TO_SDK_VERSION ->
          throw new IOException("The table returned an attribute of a type this runner does not know");
    }
    json.writeEndObject();
  }

  private void writeStrings(String type, List<String> values) throws IOException {
    json.writeArrayFieldStart(type);
    for (var element : values) {
      json.writeString(element);
    }
    json.writeEndArray();
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
