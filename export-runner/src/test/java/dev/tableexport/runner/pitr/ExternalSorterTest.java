package dev.tableexport.runner.pitr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {

  private static final long LARGE_BUDGET = 64L * 1024 * 1024;

  @TempDir Path work;

  /** An entry as added, with what the tests compare: arrays by content. */
  private record Entry(byte[] key, long time, byte[] payload) {

    static Entry of(SortedEntry entry) {
      return new Entry(entry.key(), entry.time(), entry.payload());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry entry
          && Arrays.equals(key, entry.key)
          && time == entry.time
          && Arrays.equals(payload, entry.payload);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(key) + Long.hashCode(time)) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return Arrays.toString(key) + "@" + time + ":" + Arrays.toString(payload);
    }
  }

  private static List<Entry> sort(ExternalSorter sorter, List<Entry> input) throws IOException {
    for (var entry : input) {
      sorter.add(entry.key(), entry.time(), entry.payload());
    }
    var output = new ArrayList<Entry>();
    try (var sorted = sorter.sorted()) {
      sorted.forEachRemaining(entry -> output.add(Entry.of(entry)));
      assertThrows(NoSuchElementException.class, sorted::next);
    }
    return output;
  }

  /** Names the first difference, as a whole list of 10,000 entries would drown it. */
  private static void assertSameOrder(List<Entry> expected, List<Entry> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "entry " + i);
    }
    assertEquals(expected.size(), actual.size(), "entries");
  }

  private static List<Entry> stableSort(List<Entry> input) {
    var expected = new ArrayList<>(input);
    expected.sort(
        Comparator.comparing(Entry::key, Arrays::compareUnsigned).thenComparingLong(Entry::time));
    return expected;
  }

  private static byte[] bytes(int... values) {
    var bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] sequence(int number) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(number).array();
  }

  private List<Path> runFiles() throws IOException {
    try (var files = Files.list(work)) {
      return files.toList();
    }
  }

  /** Few distinct keys and times, so many entries tie, each tagged by its insertion number. */
  private static List<Entry> randomEntries(int count, long seed) {
    var random = new Random(seed);
    var entries = new ArrayList<Entry>();
    for (int i = 0; i < count; i++) {
      var key = new byte[random.nextInt(4)];
      for (int j = 0; j < key.length; j++) {
        key[j] = (byte) (random.nextBoolean() ? random.nextInt(3) : 0x7e + random.nextInt(3));
      }
      entries.add(new Entry(key, random.nextInt(5) - 2, sequence(i)));
    }
    return entries;
  }

  @Test
  void manySpilledRunsMergeToTheOrderOfAStableInMemorySort() throws IOException {
    var input = randomEntries(10_000, 42);
    try (var sorter = new ExternalSorter(work, 4 * 1024)) {
      for (var entry : input) {
        sorter.add(entry.key(), entry.time(), entry.payload());
      }
      assertEquals(10_000, sorter.size());
      assertTrue(runFiles().size() > 100, "spilled " + runFiles().size() + " runs");

      var output = new ArrayList<Entry>();
      try (var sorted = sorter.sorted()) {
        sorted.forEachRemaining(entry -> output.add(Entry.of(entry)));
      }

      assertSameOrder(stableSort(input), output);
    }
  }

  @Test
  void inMemorySortHasTheSameOrderAndWritesNoFiles() throws IOException {
    var input = randomEntries(2_000, 7);
    try (var sorter = new ExternalSorter(work, LARGE_BUDGET)) {
      assertSameOrder(stableSort(input), sort(sorter, input));
      assertEquals(List.of(), runFiles());
    }
  }

  @Test
  void keysCompareAsUnsignedBytesShorterPrefixFirst() throws IOException {
    var input =
        List.of(
            new Entry(bytes(0xff), 0, bytes()),
            new Entry(bytes(0x80), 0, bytes()),
            new Entry(bytes(1, 0), 0, bytes()),
            new Entry(bytes(0x7f), 0, bytes()),
            new Entry(bytes(), 0, bytes()),
            new Entry(bytes(1), 0, bytes()));

    try (var sorter = new ExternalSorter(work, 1)) {
      var keys = sort(sorter, input).stream().map(entry -> Arrays.toString(entry.key())).toList();

      assertEquals(List.of("[]", "[1]", "[1, 0]", "[127]", "[-128]", "[-1]"), keys);
    }
  }

  @Test
  void tiesOnKeyAreOrderedByTime() throws IOException {
    var key = bytes(5);
    var input =
        List.of(
            new Entry(key, 30, bytes(1)),
            new Entry(key, -5, bytes(2)),
            new Entry(key, Long.MAX_VALUE, bytes(3)),
            new Entry(key, 0, bytes(4)),
            new Entry(key, Long.MIN_VALUE, bytes(5)));

    for (long budget : new long[] {1, LARGE_BUDGET}) {
      try (var sorter = new ExternalSorter(work, budget)) {
        var times = sort(sorter, input).stream().map(Entry::time).toList();

        assertEquals(List.of(Long.MIN_VALUE, -5L, 0L, 30L, Long.MAX_VALUE), times);
      }
    }
  }

  @Test
  void equalKeyAndTimeKeepInsertionOrder() throws IOException {
    var input = new ArrayList<Entry>();
    for (int i = 0; i < 500; i++) {
      input.add(new Entry(bytes(i % 2 == 0 ? 9 : 3), 100, sequence(i)));
    }

    for (long budget : new long[] {1, 1_000, LARGE_BUDGET}) {
      try (var sorter = new ExternalSorter(work, budget)) {
        var output = sort(sorter, input);

        var threes = input.stream().filter(entry -> entry.key()[0] == 3);
        var nines = input.stream().filter(entry -> entry.key()[0] == 9);
        assertSameOrder(Stream.concat(threes, nines).toList(), output);
      }
    }
  }

  @Test
  void emptySorterYieldsNothing() throws IOException {
    try (var sorter = new ExternalSorter(work, 1)) {
      assertEquals(0, sorter.size());
      try (var sorted = sorter.sorted()) {
        assertFalse(sorted.hasNext());
        assertThrows(NoSuchElementException.class, sorted::next);
      }
      assertEquals(List.of(), runFiles());
    }
  }

  @Test
  void singleEntry() throws IOException {
    var entry = new Entry(bytes(1, 2), 7, bytes(3));
    for (long budget : new long[] {1, LARGE_BUDGET}) {
      try (var sorter = new ExternalSorter(work, budget)) {
        assertEquals(List.of(entry), sort(sorter, List.of(entry)));
        assertEquals(1, sorter.size());
      }
    }
  }

  @Test
  void emptyAndOneMegabytePayloadsSurviveSpilling() throws IOException {
    var large = new byte[1024 * 1024];
    new Random(1).nextBytes(large);
    var input =
        List.of(
            new Entry(bytes(2), 0, large),
            new Entry(bytes(1), 0, bytes()),
            new Entry(bytes(3), 0, bytes()),
            new Entry(bytes(), 1, large.clone()));

    try (var sorter = new ExternalSorter(work, 4 * 1024)) {
      var output = sort(sorter, input);

      assertSameOrder(stableSort(input), output);
      assertArrayEquals(large, output.get(2).payload());
      assertEquals(0, output.get(1).payload().length);
    }
  }

  @Test
  void runFilesAreTempFilesInTheWorkDirectoryDeletedByClose() throws IOException {
    var sorter = new ExternalSorter(work, 1_000);
    for (var entry : randomEntries(300, 3)) {
      sorter.add(entry.key(), entry.time(), entry.payload());
    }
    var sorted = sorter.sorted();
    sorted.next();

    var files = runFiles();
    assertTrue(files.size() > 1, "spilled " + files.size() + " runs");
    for (var file : files) {
      var name = file.getFileName().toString();
      assertTrue(name.startsWith("sort-run-") && name.endsWith(".bin"), name);
    }

    sorter.close();
    assertEquals(List.of(), runFiles());
    sorter.close();
    assertEquals(List.of(), runFiles());
  }

  @Test
  void closeBeforeSortingDeletesTheSpilledRuns() throws IOException {
    var sorter = new ExternalSorter(work, 1);
    sorter.add(bytes(1), 0, bytes(1));
    sorter.add(bytes(2), 0, bytes(2));
    assertEquals(2, runFiles().size());

    sorter.close();

    assertEquals(List.of(), runFiles());
  }

  @Test
  void sortedIsCalledOnceAndNothingIsAddedAfterIt() throws IOException {
    try (var sorter = new ExternalSorter(work, LARGE_BUDGET)) {
      sorter.add(bytes(1), 0, bytes());
      sorter.sorted().close();

      assertThrows(IllegalStateException.class, sorter::sorted);
      assertThrows(IllegalStateException.class, () -> sorter.add(bytes(2), 0, bytes()));
    }
  }

  @Test
  void aFailedSpillPropagatesItsIOException() {
    var sorter = new ExternalSorter(work.resolve("missing"), 1);

    assertThrows(IOException.class, () -> sorter.add(bytes(1), 0, bytes()));
  }

  @Test
  void budgetMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ExternalSorter(work, 0));
  }
}
