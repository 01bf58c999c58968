package dev.tableexport.runner.pitr;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored segment of one shard's change records, described by its key:
 * {@code changes/<shardId>/<firstMicros>-<lastMicros>-<firstSequence>-<lastSequence>.json.gz}, so
 * that a listing alone says which segments a time range needs and how far a shard was archived.
 */
public record SegmentRef(
    String key, String shardId, long firstMicros, long lastMicros, String firstSequence, String lastSequence) {

  private static final Pattern NAME =
      Pattern.compile(".*changes/([^/]+)/(\\d{16})-(\\d{16})-(\\d+)-(\\d+)\\.json\\.gz");

  public static String name(long firstMicros, long lastMicros, String firstSequence, String lastSequence) {
    return String.format(Locale.ROOT, "%016d-%016d-%s-%s.json.gz", firstMicros, lastMicros,
        firstSequence, lastSequence);
  }

  public static Optional<SegmentRef> parse(String key) {
    var match = NAME.matcher(key);
    if (!match.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SegmentRef(key, match.group(1), Long.parseLong(match.group(2)),
        Long.parseLong(match.group(3)), match.group(4), match.group(5)));
  }

  public boolean overlaps(long fromMicros, long toMicros) {
    return lastMicros >= fromMicros && firstMicros <= toMicros;
  }
}
