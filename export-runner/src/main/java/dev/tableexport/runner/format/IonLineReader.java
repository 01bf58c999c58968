package dev.tableexport.runner.format;

import com.amazon.ion.IonBlob;
import com.amazon.ion.IonBool;
import com.amazon.ion.IonList;
import com.amazon.ion.IonNumber;
import com.amazon.ion.IonString;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads ION export data, as {@link IonItemEncoder} and DynamoDB write it, into SDK values: {@code
 * Item} lines of full exports and {@code Metadata, Keys, OldImage, NewImage} lines of incremental
 * ones. Lines are read one at a time, with ion-java's own reader, so a file is never held whole.
 */
public final class IonLineReader {

  private static final IonSystem ION = IonSystemBuilder.standard().build();

  private IonLineReader() {}

  /**
   * The lines of a (gunzipped) data file, read as they are asked for; the iterator throws
   * ion-java's IonException where the data is not Ion.
   */
  public static Iterator<IonValue> lines(InputStream data) {
    return ION.iterate(data);
  }

  /** The item of a full export's line, {@code {Item:{...}}}. */
  public static Map<String, AttributeValue> item(IonValue line) throws IOException {
    return attributes(field(line, "Item"));
  }

  /** An incremental export's line, {@code {Metadata:{...},Keys:{...},...}}. */
  public static IncrementalRecord record(IonValue line) throws IOException {
    var metadata = field(line, "Metadata");
    // An Ion int is taken too: the ION incremental form is unconfirmed (export-format.md).
    if (!(metadata.get("WriteTimestampMicros") instanceof IonNumber micros)
        || micros.isNullValue()) {
      throw new IOException("the record's Metadata has no WriteTimestampMicros number");
    }
    return new IncrementalRecord(micros.bigDecimalValue().longValueExact(),
        attributes(field(line, "Keys")), image(line, "OldImage"), image(line, "NewImage"));
  }

  /** The attributes of one struct: an item, or an incremental line's keys or image. */
  public static Map<String, AttributeValue> attributes(IonStruct struct) {
    var attributes = new LinkedHashMap<String, AttributeValue>();
    for (IonValue field : struct) {
      attributes.put(field.getFieldName(), attribute(field));
    }
    return attributes;
  }

  private static IonStruct field(IonValue line, String name) throws IOException {
    if (!(line instanceof IonStruct fields) || !(fields.get(name) instanceof IonStruct struct)) {
      throw new IOException("the line has no " + name + " struct");
    }
    return struct;
  }

  private static Map<String, AttributeValue> image(IonValue line, String name) throws IOException {
    return ((IonStruct) line).get(name) == null ? null : attributes(field(line, name));
  }

  private static AttributeValue attribute(IonValue value) {
    if (value.isNullValue()) {
      return AttributeValue.fromNul(true);
    }
    var annotations = value.getTypeAnnotations();
    if (annotations.length == 1) {
      var elements = (IonList) value;
      return switch (annotations[0]) {
        case "$dynamodb_SS" -> AttributeValue.fromSs(
            elements.stream().map(e -> ((IonString) e).stringValue()).toList());
        case "$dynamodb_NS" -> AttributeValue.fromNs(
            elements.stream().map(e -> number(((IonNumber) e).bigDecimalValue())).toList());
        case "$dynamodb_BS" -> AttributeValue.fromBs(
            elements.stream().map(e -> SdkBytes.fromByteArray(((IonBlob) e).getBytes())).toList());
        default -> throw new IllegalArgumentException("Unknown annotation " + annotations[0]);
      };
    }
    return switch (value) {
      case IonString string -> AttributeValue.fromS(string.stringValue());
      // Ion ints too: DynamoDB writes decimals, but any Ion number reads as one.
      case IonNumber number -> AttributeValue.fromN(number(number.bigDecimalValue()));
      case IonBlob blob -> AttributeValue.fromB(SdkBytes.fromByteArray(blob.getBytes()));
      case IonBool bool -> AttributeValue.fromBool(bool.booleanValue());
      case IonStruct struct -> AttributeValue.fromM(attributes(struct));
      case IonList list ->
          AttributeValue.fromL(list.stream().map(IonLineReader::attribute).toList());
      default -> throw new IllegalArgumentException(
          "Unexpected Ion value in an export: " + value.getType());
    };
  }

  /**
   * A number as DynamoDB's wire JSON writes it, without an exponent: the encoder writes
   * {@code "2000"} as {@code 2d3}, which reads back as {@code "2000"}, not {@code "2E+3"}.
   */
  private static String number(BigDecimal value) {
    return value.toPlainString();
  }
}
