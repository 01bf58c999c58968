package dev.tableexport.runner.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBufferTest {

  private static final int CHUNK = 256 * 1024;

  @Test
  void emptyBufferReadsNothing() throws IOException {
    var buffer = new ChunkedBuffer();

    assertEquals(0, buffer.size());
    assertEquals(-1, buffer.newInputStream().read());
  }

  @Test
  void singleBytesAcrossAChunkBoundary() throws IOException {
    var buffer = new ChunkedBuffer();
    var expected = new ByteArrayOutputStream();
    for (int i = 0; i < CHUNK + 10; i++) {
      buffer.write(i * 31);
      expected.write(i * 31);
    }

    assertEquals(CHUNK + 10, buffer.size());
    assertArrayEquals(expected.toByteArray(), readAll(buffer));
  }

  @Test
  void largeArraySpanningSeveralChunks() throws IOException {
    var data = randomBytes(2 * CHUNK + 12_345);
    var buffer = new ChunkedBuffer();
    buffer.write(data);

    assertEquals(data.length, buffer.size());
    assertArrayEquals(data, readAll(buffer));
  }

  @Test
  void exactlyOneChunkThenOneMoreByte() throws IOException {
    var data = randomBytes(CHUNK);
    var buffer = new ChunkedBuffer();
    buffer.write(data);

    assertArrayEquals(data, readAll(buffer));

    buffer.write(7);
    var expected = new byte[CHUNK + 1];
    System.arraycopy(data, 0, expected, 0, CHUNK);
    expected[CHUNK] = 7;
    assertEquals(CHUNK + 1, buffer.size());
    assertArrayEquals(expected, readAll(buffer));
  }

  @Test
  void mixedWritesHonourOffsetAndLength() throws IOException {
    var data = randomBytes(3 * CHUNK);
    var buffer = new ChunkedBuffer();
    var expected = new ByteArrayOutputStream();
    buffer.write(data, 5, 100);
    expected.write(data, 5, 100);
    buffer.write(0xab);
    expected.write(0xab);
    buffer.write(data, 1000, CHUNK + 17);
    expected.write(data, 1000, CHUNK + 17);
    buffer.write(data, 0, 0);
    buffer.write(data, 7, CHUNK - 118);
    expected.write(data, 7, CHUNK - 118);

    assertEquals(expected.size(), buffer.size());
    assertArrayEquals(expected.toByteArray(), readAll(buffer));
  }

  @Test
  void canBeReadTwiceWithIdenticalContent() throws IOException {
    var data = randomBytes(CHUNK + CHUNK / 2);
    var buffer = new ChunkedBuffer();
    buffer.write(data);

    var first = readAll(buffer);
    var second = readAll(buffer);

    assertArrayEquals(data, first);
    assertArrayEquals(first, second);
  }

  private static byte[] readAll(ChunkedBuffer buffer) throws IOException {
    try (var in = buffer.newInputStream()) {
      return in.readAllBytes();
    }
  }

  private static byte[] randomBytes(int length) {
    var bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
