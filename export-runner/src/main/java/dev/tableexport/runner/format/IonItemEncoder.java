package dev.tableexport.runner.format;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonTextWriterBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes ION export lines: {@code $ion_1_0 {Item:{...}}}, or incremental {@code $ion_1_0
 * {Metadata:{...},Keys:{...},...}}. Each line carries its own version marker, as DynamoDB's files
 * do, so the marker is written here rather than by the Ion writer.
 */
final class IonItemEncoder implements ItemEncoder {

  private static final byte[] VERSION_MARKER = "$ion_1_0 ".getBytes(StandardCharsets.US_ASCII);
  private static final IonTextWriterBuilder TEXT =
      IonTextWriterBuilder.standard()
          .withInitialIvmHandling(IonTextWriterBuilder.InitialIvmHandling.SUPPRESS)
          .withWriteTopLevelValuesOnNewLines(false)
          .immutable();

  private final OutputStream out;
  private final LineBuffer line = new LineBuffer();
  private final IonWriter ion = TEXT.build(line);
  private final AttributeWriter attributes = new IonAttributeWriter(ion);
  private final ItemSize sizedAttributes = new ItemSize(attributes);
  private final WireIonLine wireLine = new WireIonLine();

  IonItemEncoder(OutputStream out) {
    this.out = out;
  }

  @Override
  public void writeItem(Map<String, AttributeValue> item) throws IOException {
    startLine();
    writeAttributes("Item", item);
    endLine();
  }

  @Override
  public long writeItem(WireItem item) throws IOException {
    if (wireLine.make(item)) {
      wireLine.writeTo(out);
      return wireLine.size();
    }
    startLine();
    ion.setFieldName("Item");
    long before = sizedAttributes.size();
    WireItemReader.write(item, sizedAttributes);
    endLine();
    return sizedAttributes.size() - before;
  }

  // The incremental ION form is unconfirmed (export-format.md): the JSON line's structure, with
  // WriteTimestampMicros mapped like any DynamoDB number.
  @Override
  public void writeIncrementalRecord(IncrementalRecord record) throws IOException {
    startLine();
    ion.setFieldName("Metadata");
    ion.stepIn(IonType.STRUCT);
    ion.setFieldName("WriteTimestampMicros");
    ion.writeDecimal(BigDecimal.valueOf(record.writeTimestampMicros()).stripTrailingZeros());
    ion.stepOut();
    writeAttributes("Keys", record.keys());
    if (record.oldImage() != null) {
      writeAttributes("OldImage", record.oldImage());
    }
    if (record.newImage() != null) {
      writeAttributes("NewImage", record.newImage());
    }
    endLine();
  }

  private void startLine() throws IOException {
    line.reset();
    ion.stepIn(IonType.STRUCT);
  }

  private void endLine() throws IOException {
    ion.stepOut();
    ion.flush();
    out.write(VERSION_MARKER);
    line.writeTrimmedTo(out);
    out.write('\n');
  }

  private void writeAttributes(String fieldName, Map<String, AttributeValue> values)
      throws IOException {
    ion.setFieldName(fieldName);
    attributes.attributes(values);
  }

  @Override
  public void close() throws IOException {
    ion.close();
    out.flush();
  }

  /**
   * One line's Ion text. The writer is kept for the whole file, because building one per line
   * costs more than encoding the item; it puts a separator before every top-level value after the
   * first, which is trimmed here since each line starts with its own version marker instead.
   */
  private static final class LineBuffer extends ByteArrayOutputStream {

    LineBuffer() {
      super(4096);
    }

    void writeTrimmedTo(OutputStream target) throws IOException {
      int start = 0;
      int end = count;
      while (start < end && Character.isWhitespace(buf[start])) {
        start++;
      }
      while (end > start && Character.isWhitespace(buf[end - 1])) {
        end--;
      }
      target.write(buf, start, end - start);
    }
  }
}
