package dev.tableexport.runner.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestFilesTest {

  private static final DataFileEntry EMPTY_FILE =
      new DataFileEntry(
          0,
          "FjvgqIxwymKf1RbbqtrZag==",
          "7deb4078f238dd87d6af0538152c04e9-1",
          "AWSDynamoDB/01768385930622-efd1a093/data/k3v5q2x7mbd4ahqye6zjw5lq4a.json.gz");
  private static final DataFileEntry FULL_FILE =
      new DataFileEntry(
          12345,
          "u2y1xo30ZSlByvZSo2by2A==",
          "0123456789abcdef0123456789abcdef-1",
          "p/AWSDynamoDB/01768385930622-efd1a093/data/aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz");

  @Test
  void oneLinePerFileInDynamoDbsKeyOrder() {
    assertEquals(
        "{\"itemCount\":0,\"md5Checksum\":\"FjvgqIxwymKf1RbbqtrZag==\","
            + "\"etag\":\"7deb4078f238dd87d6af0538152c04e9-1\","
            + "\"dataFileS3Key\":\"AWSDynamoDB/01768385930622-efd1a093/data/"
            + "k3v5q2x7mbd4ahqye6zjw5lq4a.json.gz\"}\n"
            + "{\"itemCount\":12345,\"md5Checksum\":\"u2y1xo30ZSlByvZSo2by2A==\","
            + "\"etag\":\"0123456789abcdef0123456789abcdef-1\","
            + "\"dataFileS3Key\":\"p/AWSDynamoDB/01768385930622-efd1a093/data/"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaa.json.gz\"}\n",
        new String(ManifestFiles.toBytes(List.of(EMPTY_FILE, FULL_FILE)), UTF_8));
  }

  @Test
  void singleFileEndsInNewline() {
    var text = new String(ManifestFiles.toBytes(List.of(FULL_FILE)), UTF_8);

    assertEquals(text.length() - 1, text.indexOf('\n'));
  }

  @Test
  void noFilesIsEmpty() {
    assertArrayEquals(new byte[0], ManifestFiles.toBytes(List.of()));
  }

  @Test
  void itemCountSumsTheFiles() {
    var large = new DataFileEntry(5_000_000_000L, "x", "y", "z");

    assertEquals(0, ManifestFiles.itemCount(List.of()));
    assertEquals(12345, ManifestFiles.itemCount(List.of(EMPTY_FILE, FULL_FILE)));
    assertEquals(5_000_012_345L, ManifestFiles.itemCount(List.of(FULL_FILE, large, EMPTY_FILE)));
  }

  @Test
  void parseReadsWhatToBytesWrote() throws IOException {
    var files = List.of(EMPTY_FILE, FULL_FILE);

    assertEquals(files, ManifestFiles.parse(ManifestFiles.toBytes(files)));
  }

  @Test
  void parseNamesTheLineThatIsNoEntry() {
    var manifest = new String(ManifestFiles.toBytes(List.of(EMPTY_FILE)), UTF_8)
        + "{\"etag\":\"x\"}\n";

    var failure = assertThrows(IOException.class,
        () -> ManifestFiles.parse(manifest.getBytes(UTF_8)));

    assertTrue(failure.getMessage().startsWith("line 2 "), failure.getMessage());
  }
}
