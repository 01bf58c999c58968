package dev.tableexport.runner.format;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonTextWriterBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
  private final ItemSize sizedAttributes = new ItemSize(new IonAttributeWriter(ion));

  IonItemEncoder(OutputStream out) {
    this.out = out;
  }

  @Override
  public void writeItem(Map<String, AttributeValue> item) throws IOException {
    startLine();
    writeAttributes(ion, "Item", item);
    endLine();
  }

  @Override
  public long writeItem(WireItem item) throws IOException {
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
    ion.writeDecimal(decimal(Long.toString(record.writeTimestampMicros())));
    ion.stepOut();
    writeAttributes(ion, "Keys", record.keys());
    if (record.oldImage() != null) {
      writeAttributes(ion, "OldImage", record.oldImage());
    }
    if (record.newImage() != null) {
      writeAttributes(ion, "NewImage", record.newImage());
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

  private static void writeAttributes(
      IonWriter ion, String fieldName, Map<String, AttributeValue> attributes) throws IOException {
    ion.setFieldName(fieldName);
    writeAttributes(ion, attributes);
  }

  private static void writeAttributes(IonWriter ion, Map<String, AttributeValue> attributes)
      throws IOException {
    ion.stepIn(IonType.STRUCT);
    for (var attribute : attributes.entrySet()) {
      ion.setFieldName(attribute.getKey());
      writeValue(ion, attribute.getValue());
    }
    ion.stepOut();
  }

  private static void writeValue(IonWriter ion, AttributeValue value) throws IOException {
    switch (value.type()) {
      case S -> ion.writeString(value.s());
      case N -> ion.writeDecimal(decimal(value.n()));
      case B -> ion.writeBlob(value.b().asByteArrayUnsafe());
      case BOOL -> ion.writeBool(value.bool());
      // NULL as an untyped Ion null: export-format.md marks this mapping unconfirmed.
      case NUL -> ion.writeNull();
      case SS -> {
        ion.setTypeAnnotations("$dynamodb_SS");
        writeStrings(ion, value.ss());
      }
      case NS -> {
        ion.setTypeAnnotations("$dynamodb_NS");
        ion.stepIn(IonType.LIST);
        for (var number : value.ns()) {
          ion.writeDecimal(decimal(number));
        }
        ion.stepOut();
      }
      case BS -> {
        ion.setTypeAnnotations("$dynamodb_BS");
        ion.stepIn(IonType.LIST);
        for (var bytes : value.bs()) {
          ion.writeBlob(bytes.asByteArrayUnsafe());
        }
        ion.stepOut();
      }
      case M -> writeAttributes(ion, value.m());
      case L -> {
        ion.stepIn(IonType.LIST);
        for (var element : value.l()) {
          writeValue(ion, element);
        }
        ion.stepOut();
      }
      case UNKNOWN_TO_SDK_VERSION ->
          throw new IOException("The table returned an attribute of a type this runner does not know");
    }
  }

  /**
   * Trailing zeros go to the exponent, as in DynamoDB's own ION: the sample item whose DynamoDB JSON
   * reads {@code "PageCount":{"N":"600"},"Price":{"N":"2000"}} reads {@code PageCount:6d2,Price:2d3}
   * in Ion (export-format.md's ION example and number table; AWS's S3 import-format page).
   */
  private static BigDecimal decimal(String number) {
    return new BigDecimal(number).stripTrailingZeros();
  }

  private static void writeStrings(IonWriter ion, List<String> values) throws IOException {
    ion.stepIn(IonType.LIST);
    for (var value : values) {
      ion.writeString(value);
    }
    ion.stepOut();
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
