package dev.tableexport.runner.testing;

import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import dev.tableexport.runner.format.IonLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Decodes ION export data with ion-java's own reader into DynamoDB items. */
public final class IonItemDecoder {

  private static final IonSystem ION = IonSystemBuilder.standard().build();

  private IonItemDecoder() {}

  /** Every {@code Item} struct of a (decompressed) ION data file, in order. */
  public static List<Map<String, AttributeValue>> decodeFile(String text) {
    var items = new ArrayList<Map<String, AttributeValue>>();
    for (IonValue value : ION.getLoader().load(text)) {
      items.add(IonLineReader.attributes((IonStruct) ((IonStruct) value).get("Item")));
    }
    return items;
  }

  /** Every incremental record of a (decompressed) ION data file, in order. */
  public static List<StoredExport.Change> decodeChanges(String text) {
    var changes = new ArrayList<StoredExport.Change>();
    try {
      for (IonValue value : ION.getLoader().load(text)) {
        var record = IonLineReader.record((IonStruct) value);
        changes.add(new StoredExport.Change(record.writeTimestampMicros(), record.keys(),
            record.oldImage(), record.newImage()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return changes;
  }

  /** The attributes of one struct: an item, or an incremental line's keys or image. */
  public static Map<String, AttributeValue> decodeAttributes(IonStruct struct) {
    return IonLineReader.attributes(struct);
  }
}
