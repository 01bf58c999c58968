package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3PrefixTest {

  private static final int LONGEST_RELATIVE = S3Prefix.LONGEST_RELATIVE_KEY.length();

  @Test
  void rootJoinsWithOneSlash() {
    assertEquals("", S3Prefix.root(null));
    assertEquals("", S3Prefix.root(""));
    assertEquals("daily/", S3Prefix.root("daily"));
    assertEquals("daily/", S3Prefix.root("daily/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"daily", "daily/", "a/b/c", "../x", "ünïcödé/日本"})
  void ordinaryPrefixesHaveNoProblem(String prefix) {
    assertEquals(List.of(), S3Prefix.problems(prefix));
  }

  @Test
  void moreThan1024CharactersIsAProblem() {
    assertTrue(S3Prefix.problems("p".repeat(1025)).contains(
        "Member must have length less than or equal to 1024"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/x", "/", "a//b", "a//"})
  void anEmptyPathSegmentIsAProblem(String prefix) {
    var problems = S3Prefix.problems(prefix);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("empty path segment"), problems.get(0));
  }

  @Test
  void thePrefixMayFillTheKeyToExactly1024Bytes() {
    var prefix = "p".repeat(ApiLimits.MAX_S3_KEY_BYTES - LONGEST_RELATIVE - 1);

    assertEquals(1024, S3Prefix.longestKeyBytes(prefix));
    assertEquals(List.of(), S3Prefix.problems(prefix));
  }

  @Test
  void keysLongerThan1024BytesAreAProblemCountedInUtf8() {
    // 'é' is two bytes: 474 of them, an 'a' and the slash make 950 bytes, one more than fits.
    var prefix = "é".repeat((ApiLimits.MAX_S3_KEY_BYTES - LONGEST_RELATIVE) / 2) + "a";

    var problems = S3Prefix.problems(prefix);

    assertEquals(
        List.of("Member must leave room for the export's keys within S3's 1024 bytes: its longest"
            + " would have 1025 bytes of UTF-8; shorten it by 1"),
        problems);
  }

  @Test
  void parentSegmentsAreFound() {
    assertTrue(S3Prefix.hasParentSegment("../x"));
    assertTrue(S3Prefix.hasParentSegment("a/../b/"));
    assertFalse(S3Prefix.hasParentSegment("a..b/c"));
    assertFalse(S3Prefix.hasParentSegment(null));
  }
}
