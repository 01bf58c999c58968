package dev.tableexport.runner.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ExportIdTest {

  private static final Instant START = Instant.ofEpochMilli(1768385930622L);

  @Test
  void startTimeInMillisecondsThenEightHexCharacters() {
    var id = ExportId.generate(START).value();

    assertTrue(id.matches("01768385930622-[0-9a-f]{8}"), id);
    assertTrue(ExportId.FORMAT.matcher(id).matches());
  }

  @Test
  void smallEpochsAreZeroPadded() {
    assertTrue(ExportId.generate(Instant.EPOCH).value().matches("00000000000000-[0-9a-f]{8}"));
    assertTrue(
        ExportId.generate(Instant.ofEpochMilli(42)).value().matches("00000000000042-[0-9a-f]{8}"));
  }

  @Test
  void randomPartDiffers() {
    var ids = new HashSet<String>();
    for (int i = 0; i < 100; i++) {
      ids.add(ExportId.generate(START).value());
    }

    assertTrue(ids.size() > 90, "random suffixes: " + ids.size());
  }

  @Test
  void digitsAreAsciiWhateverTheDefaultLocale() {
    var saved = Locale.getDefault(Locale.Category.FORMAT);
    try {
      Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("ar-SA"));
      var id = ExportId.generate(START).value();

      assertTrue(id.matches("01768385930622-[0-9a-f]{8}"), id);
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, saved);
    }
  }

  @Test
  void exportArnAppendsTheIdToTheTableArn() {
    var tableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";

    assertEquals(
        "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/export/01768385930622-efd1a093",
        new ExportId("01768385930622-efd1a093").exportArn(tableArn));
  }

  @Test
  void formatRejectsOtherShapes() {
    assertFalse(ExportId.FORMAT.matcher("1768385930622-efd1a093").matches());
    assertFalse(ExportId.FORMAT.matcher("01768385930622-EFD1A093").matches());
    assertFalse(ExportId.FORMAT.matcher("01768385930622-efd1a09").matches());
    assertFalse(ExportId.FORMAT.matcher("01768385930622efd1a093").matches());
  }
}
