package dev.tableexport.runner.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.LineWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DataFileWriterTest {

  private static final LineWriter<Map<String, AttributeValue>> ITEMS =
      (encoder, item) -> {
        encoder.writeItem(item);
        return 0;
      };


  private static final String EMPTY_GZIP_HEX = "1f8b08000000000000ff03000000000000000000";

  @Test
  void emptyJsonFileIsDynamoDbsEmptyFile() throws Exception {
    var file = new DataFileWriter(ExportFormat.DYNAMODB_JSON, "test.json.gz").finish();
    var bytes = bytes(file);

    assertEquals(20, bytes.length);
    assertEquals(20, file.size());
    assertEquals(EMPTY_GZIP_HEX, HexFormat.of().formatHex(bytes));
    assertEquals("FjvgqIxwymKf1RbbqtrZag==", file.md5Base64());
    assertEquals("7deb4078f238dd87d6af0538152c04e9-1", onePartMultipartEtag(bytes));
    assertEquals(0, file.itemCount());
    assertEquals("test.json.gz", file.name());
    assertArrayEquals(new byte[0], inflateSingleMember(bytes));
  }

  @Test
  void emptyIonFileIsTheSameEmptyGzip() throws Exception {
    var file = new DataFileWriter(ExportFormat.ION, "test.ion.gz").finish();

    assertEquals(EMPTY_GZIP_HEX, HexFormat.of().formatHex(bytes(file)));
    assertEquals("FjvgqIxwymKf1RbbqtrZag==", file.md5Base64());
    assertEquals("test.ion.gz", file.name());
  }

  @Test
  void jsonItemsAreOneGzipMemberOfTheirLines() throws Exception {
    var writer = new DataFileWriter(ExportFormat.DYNAMODB_JSON, "test.json.gz");
    writer.write(ITEMS, item("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1")));
    writer.write(ITEMS, item("pk", AttributeValue.fromS("b")));
    writer.write(ITEMS, item("pk", AttributeValue.fromS("c"), "z", AttributeValue.fromNul(true)));
    assertEquals(3, writer.itemCount());

    var file = writer.finish();
    var bytes = bytes(file);

    var expected =
        "{\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}}\n"
            + "{\"Item\":{\"pk\":{\"S\":\"b\"}}}\n"
            + "{\"Item\":{\"pk\":{\"S\":\"c\"},\"z\":{\"NULL\":true}}}\n";
    assertEquals(expected, new String(inflateSingleMember(bytes), UTF_8));
    assertEquals(expected, new String(gunzip(bytes), UTF_8));
    assertEquals(3, file.itemCount());
    assertEquals(md5Base64(bytes), file.md5Base64());
    assertEquals(bytes.length, file.size());
  }

  @Test
  void ionItemsAreOneGzipMemberOfTheirLines() throws Exception {
    var writer = new DataFileWriter(ExportFormat.ION, "test.ion.gz");
    writer.write(ITEMS, item("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("600")));
    writer.write(ITEMS, item("pk", AttributeValue.fromS("b")));

    var file = writer.finish();
    var bytes = bytes(file);

    assertEquals(
        "$ion_1_0 {Item:{pk:\"a\",n:6d2}}\n$ion_1_0 {Item:{pk:\"b\"}}\n",
        new String(inflateSingleMember(bytes), UTF_8));
    assertEquals(2, file.itemCount());
    assertEquals(md5Base64(bytes), file.md5Base64());
  }

  @Test
  void fileLargerThanOneBufferChunkMatchesTheEncoderOutput() throws Exception {
    var random = new Random(42);
    var writer = new DataFileWriter(ExportFormat.DYNAMODB_JSON, "test.json.gz");
    var plain = new ByteArrayOutputStream();
    try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(plain)) {
      for (int i = 0; i < 5_000; i++) {
        var payload = new byte[200];
        random.nextBytes(payload);
        var item =
            item(
                "pk", AttributeValue.fromS("item#" + i),
                "payload", AttributeValue.fromS(Base64.getEncoder().encodeToString(payload)));
        writer.write(ITEMS, item);
        encoder.writeItem(item);
      }
    }

    var file = writer.finish();
    var bytes = bytes(file);

    assertTrue(bytes.length > 256 * 1024, "spans several chunks: " + bytes.length);
    assertEquals(5_000, file.itemCount());
    assertEquals(bytes.length, writer.compressedSize());
    assertArrayEquals(plain.toByteArray(), inflateSingleMember(bytes));
    assertEquals(md5Base64(bytes), file.md5Base64());
    assertArrayEquals(bytes, bytes(file), "the content can be read again");
  }

  private static Map<String, AttributeValue> item(Object... namesAndValues) {
    var item = new LinkedHashMap<String, AttributeValue>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
    }
    return item;
  }

  private static byte[] bytes(DataFileWriter.DataFile file) throws Exception {
    try (var in = file.content().newInputStream()) {
      return in.readAllBytes();
    }
  }

  private static String md5Base64(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
  }

  private static String onePartMultipartEtag(byte[] bytes) throws Exception {
    var partMd5 = MessageDigest.getInstance("MD5").digest(bytes);
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(partMd5)) + "-1";
  }

  private static byte[] gunzip(byte[] bytes) throws Exception {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  /** Inflates a gzip file that must hold exactly one member with no optional header fields. */
  private static byte[] inflateSingleMember(byte[] gzip) throws Exception {
    assertEquals(0x1f, gzip[0] & 0xff);
    assertEquals(0x8b, gzip[1] & 0xff);
    assertEquals(8, gzip[2], "deflate");
    assertEquals(0, gzip[3], "no optional header fields");
    var inflater = new Inflater(true);
    inflater.setInput(gzip, 10, gzip.length - 10);
    var out = new ByteArrayOutputStream();
    var buffer = new byte[64 * 1024];
    while (!inflater.finished()) {
      int count = inflater.inflate(buffer);
      if (count == 0 && inflater.needsInput()) {
        fail("the deflate stream is truncated");
      }
      out.write(buffer, 0, count);
    }
    assertEquals(8, inflater.getRemaining(), "only the 8-byte trailer follows: one member");
    inflater.end();
    var content = out.toByteArray();
    var trailer = ByteBuffer.wrap(gzip, gzip.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    var crc = new CRC32();
    crc.update(content);
    assertEquals(crc.getValue(), trailer.getInt() & 0xffffffffL, "CRC-32");
    assertEquals(content.length, trailer.getInt(), "ISIZE");
    return content;
  }
}
