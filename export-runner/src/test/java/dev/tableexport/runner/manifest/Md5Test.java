package dev.tableexport.runner.manifest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Md5Test {

  private static final byte[] EMPTY_GZIP =
      HexFormat.of().parseHex("1f8b08000000000000ff03000000000000000000");

  @Test
  void base64OfKnownContent() {
    assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==", Md5.base64Of(new byte[0]));
    assertEquals("u2y1xo30ZSlByvZSo2by2A==", Md5.base64Of("{\"a\":1}".getBytes(UTF_8)));
  }

  @Test
  void emptyGzipHasDynamoDbsChecksum() {
    assertEquals("FjvgqIxwymKf1RbbqtrZag==", Md5.base64Of(EMPTY_GZIP));
  }

  @Test
  void base64IsStandardPadded() {
    var digest = HexFormat.of().parseHex("163be0a88c70ca629fd516dbaadad96a");

    assertEquals("FjvgqIxwymKf1RbbqtrZag==", Md5.base64(digest));
  }

  @Test
  void sidecarValueIs24AsciiCharacters() {
    for (var content : new String[] {"", "x", "{\"version\":\"2020-06-30\"}\n"}) {
      var value = Md5.base64Of(content.getBytes(UTF_8));
      var bytes = value.getBytes(US_ASCII);

      assertEquals(24, bytes.length, value);
      assertTrue(value.matches("[A-Za-z0-9+/]{22}=="), value);
    }
  }

  @Test
  void newDigestIsFreshEachTime() {
    var first = Md5.newDigest();
    first.update((byte) 1);
    var second = Md5.newDigest();

    assertNotSame(first, second);
    assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==", Md5.base64(second.digest()));
  }
}
