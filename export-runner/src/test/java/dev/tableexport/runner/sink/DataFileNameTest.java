package dev.tableexport.runner.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFileNameTest {

  // Expected values from Python: base64.b32encode(uuid.UUID(u).bytes).decode().lower().rstrip('=')
  @ParameterizedTest
  @CsvSource({
    "123e4567-e89b-12d3-a456-426614174000, ci7ekz7itmjnhjcwijtbif2aaa",
    "f81d4fae-7dec-11d0-a765-00a0c91e6bf6, 7aou7lt55qi5bj3facqmshtl6y",
    "00000000-0000-0000-0000-000000000000, aaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ffffffff-ffff-ffff-ffff-ffffffffffff, 77777777777777777777777774",
  })
  void base32IsRfc4648LowercaseUnpadded(String uuid, String expected) {
    assertEquals(expected, DataFileName.base32(UUID.fromString(uuid)));
  }

  @Test
  void randomNameIs26Base32CharactersAndTheSuffix() {
    var name = DataFileName.random(".json.gz");

    assertTrue(name.matches("[a-z2-7]{26}\\.json\\.gz"), name);
    assertTrue(DataFileName.random(".ion.gz").matches("[a-z2-7]{26}\\.ion\\.gz"));
    assertEquals(26, DataFileName.random("").length());
  }

  @Test
  void aWorkersNamesStartWithItsTagAndAreOtherwiseRandom() {
    var tag = DataFileName.workerTag("01768385930622-efd1a093", 3);

    var name = DataFileName.tagged(tag, ".json.gz");

    assertTrue(tag.matches("[a-z2-7]{8}"), tag);
    assertTrue(name.matches("[a-z2-7]{26}\\.json\\.gz"), name);
    assertTrue(name.startsWith(tag), name);
    assertNotEquals(name, DataFileName.tagged(tag, ".json.gz"));
    assertEquals(tag, DataFileName.workerTag("01768385930622-efd1a093", 3), "stable");
  }

  @Test
  void theWorkersOfOneExportHaveTagsOfTheirOwn() {
    var tags = new HashSet<String>();
    for (int worker = 0; worker < 64; worker++) {
      tags.add(DataFileName.workerTag("01768385930622-efd1a093", worker));
    }

    assertEquals(64, tags.size());
    assertNotEquals(DataFileName.workerTag("01768385930622-efd1a093", 0),
        DataFileName.workerTag("01768385930622-00000000", 0), "another export, other tags");
  }

  @Test
  void randomNamesAreUnique() {
    var names = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      names.add(DataFileName.random(".json.gz"));
    }

    assertEquals(10_000, names.size());
  }

  @Test
  void derivedNamesRepeatForTheSameSeedAndOrdinalAndDifferOtherwise() {
    var first = DataFileName.derived("01768385930622-efd1a093", 0, ".ion.gz");

    assertTrue(first.matches("[a-z2-7]{26}\\.ion\\.gz"), first);
    assertEquals(first, DataFileName.derived("01768385930622-efd1a093", 0, ".ion.gz"));
    assertNotEquals(first, DataFileName.derived("01768385930622-efd1a093", 1, ".ion.gz"));
    assertNotEquals(first, DataFileName.derived("01768385930622-efd1a094", 0, ".ion.gz"));
  }
}
