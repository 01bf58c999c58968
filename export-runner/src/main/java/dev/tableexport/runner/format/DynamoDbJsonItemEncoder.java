package dev.tableexport.runner.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
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
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  private final OutputStream out;
  private final JsonGenerator json;
  private final AttributeWriter attributes;
  private final ItemSize sizedAttributes;
  private final WireJsonLine copiedLine = new WireJsonLine();

  DynamoDbJsonItemEncoder(OutputStream out) throws IOException {
    this.out = out;
    this.json = JSON.createGenerator(out);
    this.attributes = new DynamoDbJsonAttributeWriter(json);
    this.sizedAttributes = new ItemSize(attributes);
  }

  @Override
  public void writeItem(Map<String, AttributeValue> item) throws IOException {
    json.writeStartObject();
    json.writeFieldName("Item");
    attributes.attributes(item);
    endLine();
  }

  @Override
  public long writeItem(WireItem item) throws IOException {
    if (copiedLine.make(item)) {
      json.flush();
      copiedLine.writeTo(out);
      return copiedLine.size();
    }
    json.writeStartObject();
    json.writeFieldName("Item");
    long before = sizedAttributes.size();
    WireItemReader.write(item, sizedAttributes);
    endLine();
    return sizedAttributes.size() - before;
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
    endLine();
  }

  private void writeAttributes(String fieldName, Map<String, AttributeValue> values)
      throws IOException {
    json.writeFieldName(fieldName);
    attributes.attributes(values);
  }

  private void endLine() throws IOException {
    json.writeEndObject();
    json.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    json.close();
    out.flush();
  }
}
