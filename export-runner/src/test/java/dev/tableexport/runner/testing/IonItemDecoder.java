package dev.tableexport.runner.testing;

import com.amazon.ion.IonBlob;
import com.amazon.ion.IonBool;
import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonList;
import com.amazon.ion.IonString;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Decodes ION export data with ion-java's own reader into DynamoDB items. */
public final class IonItemDecoder {

  private static final IonSystem ION = IonSystemBuilder.standard().build();

  private IonItemDecoder() {}

  /** Every {@code Item} struct of a (decompressed) ION data file, in order. */
  public static List<Map<String, AttributeValue>> decodeFile(String text) {
    var items = new ArrayList<Map<String, AttributeValue>>();
    for (IonValue value : ION.getLoader().load(text)) {
      var line = (IonStruct) value;
      items.add(decodeAttributes((IonStruct) line.get("Item")));
    }
    return items;
  }

  /** The attributes of one struct: an item, or an incremental line's keys or image. */
  /** Every incremental record of a (decompressed) ION data file, in order. */
  public static List<StoredExport.Change> decodeChanges(String text) {
    var changes = new ArrayList<StoredExport.Change>();
    for (IonValue value : ION.getLoader().load(text)) {
      var line = (IonStruct) value;
      var micros = ((IonDecimal) ((IonStruct) line.get("Metadata")).get("WriteTimestampMicros"))
          .bigDecimalValue().longValueExact();
      changes.add(new StoredExport.Change(micros, decodeAttributes((IonStruct) line.get("Keys")),
          optional(line.get("OldImage")), optional(line.get("NewImage"))));
    }
    return changes;
  }

  private static Map<String, AttributeValue> optional(IonValue image) {
    return image == null ? null : decodeAttributes((IonStruct) image);
  }

  public static Map<String, AttributeValue> decodeAttributes(IonStruct struct) {
    var attributes = new LinkedHashMap<String, AttributeValue>();
    for (IonValue field : struct) {
      attributes.put(field.getFieldName(), attribute(field));
    }
    return attributes;
  }

  private static AttributeValue attribute(IonValue value) {
    if (value.isNullValue()) {
      return AttributeValue.fromNul(true);
    }
    var annotations = value.getTypeAnnotations();
    if (annotations.length == 1) {
      var elements = (IonList) value;
      return switch (annotations[0]) {
        case "$dynamodb_SS" -> AttributeValue.fromSs(elements.stream().map(e -> ((IonString) e).stringValue()).toList());
        case "$dynamodb_NS" -> AttributeValue.fromNs(elements.stream().map(e -> ((IonDecimal) e).bigDecimalValue().toString()).toList());
        case "$dynamodb_BS" -> AttributeValue.fromBs(elements.stream().map(e -> SdkBytes.fromByteArray(((IonBlob) e).getBytes())).toList());
        default -> throw new IllegalArgumentException("Unknown annotation " + annotations[0]);
      };
    }
    return switch (value) {
      case IonString string -> AttributeValue.fromS(string.stringValue());
      case IonDecimal decimal -> AttributeValue.fromN(decimal.bigDecimalValue().toString());
      case IonBlob blob -> AttributeValue.fromB(SdkBytes.fromByteArray(blob.getBytes()));
      case IonBool bool -> AttributeValue.fromBool(bool.booleanValue());
      case IonStruct struct -> AttributeValue.fromM(decodeAttributes(struct));
      case IonList list -> AttributeValue.fromL(list.stream().map(IonItemDecoder::attribute).toList());
      default -> throw new IllegalArgumentException("Unexpected Ion value in an export: " + value.getType());
    };
  }
}
