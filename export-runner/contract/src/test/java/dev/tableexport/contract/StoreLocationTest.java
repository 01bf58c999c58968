package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLocationTest {

  @ParameterizedTest
  @CsvSource({
    "s3://bucket, bucket, ''",
    "s3://bucket/, bucket, ''",
    "s3://bucket/a/b/, bucket, a/b",
    "s3://bucket//a/b//, bucket, a/b",
    "s3://my.bucket-1/p, my.bucket-1, p",
    "s3://ab/p, ab, p"
  })
  void parseSplitsBucketAndPrefix(String text, String bucket, String prefix) {
    assertEquals(Optional.of(new StoreLocation(bucket, prefix)), StoreLocation.parse(text));
  }

  @Test
  void tableRootWithoutAPrefix() {
    assertEquals("orders/", StoreLocation.parse("s3://bucket").orElseThrow().tableRoot("orders"));
  }

  @Test
  void tableRootUnderThePrefix() {
    assertEquals(
        "a/b/orders/", StoreLocation.parse("s3://bucket/a/b/").orElseThrow().tableRoot("orders"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://bucket", "s3://bucket/p", "s3://my.bucket-1/a/b"})
  void toStringParsesBack(String text) {
    var location = StoreLocation.parse(text).orElseThrow();

    assertEquals(text, location.toString());
    assertEquals(Optional.of(location), StoreLocation.parse(location.toString()));
  }

  @Test
  void toStringDropsTheTrailingSlash() {
    assertEquals(
        "s3://bucket/a/b", StoreLocation.parse("s3://bucket/a/b/").orElseThrow().toString());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "bucket/p",
        "bucket",
        "s3://",
        "s3:///p",
        "s3:/bucket/p",
        "http://x/y",
        "S3://bucket/p",
        "s3://b",
        "s3://-bucket/p",
        "s3://bucket-/p",
        "s3://.bucket",
        "s3://bucket.",
        "s3://buck et/p",
        "s3://bucket:9000/p"
      })
  void parseRejects(String text) {
    assertEquals(Optional.empty(), StoreLocation.parse(text));
  }
}
