package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeyBytesTest {

  private static final KeyBytes HASH = new KeyBytes(List.of("pk"));
  private static final KeyBytes HASH_RANGE = new KeyBytes(List.of("pk", "sk"));

  private static AttributeValue binary(int... values) {
    var bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return fromB(SdkBytes.fromByteArray(bytes));
  }

  private static byte[] hashRange(AttributeValue pk, AttributeValue sk) {
    return HASH_RANGE.of(Map.of("pk", pk, "sk", sk));
  }

  private static void assertDiffer(byte[] a, byte[] b) {
    assertFalse(Arrays.equals(a, b), Arrays.toString(a) + " equals " + Arrays.toString(b));
  }

  @Test
  void equalKeysGiveEqualBytes() {
    assertArrayEquals(HASH.of(Map.of("pk", fromS("a"))), HASH.of(Map.of("pk", fromS("a"))));
    assertArrayEquals(hashRange(fromS("a"), fromN("7")), hashRange(fromS("a"), fromN("7")));
    assertArrayEquals(hashRange(binary(1, 2), binary()), hashRange(binary(1, 2), binary()));
  }

  @Test
  void differentKeysOfEveryKeyTypeDiffer() {
    assertDiffer(HASH.of(Map.of("pk", fromS("a"))), HASH.of(Map.of("pk", fromS("b"))));
    assertDiffer(HASH.of(Map.of("pk", fromN("1"))), HASH.of(Map.of("pk", fromN("2"))));
    assertDiffer(HASH.of(Map.of("pk", binary(1))), HASH.of(Map.of("pk", binary(1, 0))));
    assertDiffer(hashRange(fromS("a"), fromS("x")), hashRange(fromS("a"), fromS("y")));
  }

  @Test
  void theRangeKeyCounts() {
    assertDiffer(
        HASH_RANGE.of(Map.of("pk", fromS("a"), "sk", fromS("b"))),
        HASH.of(Map.of("pk", fromS("a"))));
  }

  @Test
  void keysAreLengthPrefixedSoConcatenationsDiffer() {
    assertDiffer(hashRange(fromS("a"), fromS("bc")), hashRange(fromS("ab"), fromS("c")));
    assertDiffer(hashRange(binary(1), binary(2, 3)), hashRange(binary(1, 2), binary(3)));
    assertDiffer(hashRange(fromS(""), fromS("a")), hashRange(fromS("a"), fromS("")));
  }

  @Test
  void aStringAndABinaryOfTheSameBytesDiffer() {
    assertDiffer(HASH.of(Map.of("pk", fromS("a"))), HASH.of(Map.of("pk", binary('a'))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1E0", "10E-1", "1.000", "0.1E1"})
  void numbersEqualToOneGiveTheBytesOfOne(String number) {
    assertArrayEquals(HASH.of(Map.of("pk", fromN("1"))), HASH.of(Map.of("pk", fromN(number))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0", "0.00", "0E5", "-0.0E-3"})
  void zerosGiveTheBytesOfZero(String number) {
    assertArrayEquals(HASH.of(Map.of("pk", fromN("0"))), HASH.of(Map.of("pk", fromN(number))));
  }

  @Test
  void numbersEqualByValueInTheRangeKeyGiveEqualBytes() {
    assertArrayEquals(hashRange(fromS("a"), fromN("100")), hashRange(fromS("a"), fromN("1E2")));
    assertArrayEquals(
        hashRange(fromS("a"), fromN("-2.50")), hashRange(fromS("a"), fromN("-25E-1")));
  }

  @Test
  void numbersOfDifferentValuesDiffer() {
    assertDiffer(HASH.of(Map.of("pk", fromN("1"))), HASH.of(Map.of("pk", fromN("-1"))));
    assertDiffer(HASH.of(Map.of("pk", fromN("1"))), HASH.of(Map.of("pk", fromN("10"))));
    assertDiffer(HASH.of(Map.of("pk", fromN("0.1"))), HASH.of(Map.of("pk", fromN("1"))));
  }

  @Test
  void otherAttributesAreIgnored() {
    var item = Map.of("pk", fromS("a"), "sk", fromN("1.50"), "tags", fromSs(List.of("t")));
    var keys = Map.of("sk", fromN("1.5"), "pk", fromS("a"));

    assertArrayEquals(HASH_RANGE.of(keys), HASH_RANGE.of(item));
  }

  @Test
  void aMissingKeyAttributeIsNamed() {
    var thrown =
        assertThrows(IllegalArgumentException.class, () -> HASH_RANGE.of(Map.of("pk", fromS("a"))));

    assertTrue(thrown.getMessage().contains("sk"), thrown.getMessage());
  }

  @Test
  void aKeyOfANonKeyTypeIsRejected() {
    var thrown =
        assertThrows(IllegalArgumentException.class, () -> HASH.of(Map.of("pk", fromBool(true))));

    assertTrue(thrown.getMessage().contains("pk"), thrown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HASH.of(Map.of("pk", fromSs(List.of("a")))));
  }
}
