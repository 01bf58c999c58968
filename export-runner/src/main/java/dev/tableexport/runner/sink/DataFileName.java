package dev.tableexport.runner.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** Data file names as DynamoDB forms them: the 16 bytes of a random UUID in unpadded base32. */
public final class DataFileName {

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private DataFileName() {}

  public static String random(String suffix) {
    return base32(UUID.randomUUID()) + suffix;
  }

  /**
   * A random name that starts with {@code tag} (8 characters, the first 40 of its 128 bits, from
   * {@link #workerTag}): a name of one worker of a split export.
   */
  public static String tagged(String tag, String suffix) {
    var name = base32(UUID.randomUUID());
    return tag + name.substring(tag.length()) + suffix;
  }

  /**
   * The 8 first characters of the data file names of one worker of a split export: 40 bits,
   * derived from the export's id, plus the worker's index, so that no two workers share a tag.
   */
  public static String workerTag(String exportId, int worker) {
    var digest = UUID.nameUUIDFromBytes(("workers#" + exportId).getBytes(StandardCharsets.UTF_8));
    long bits = ((digest.getMostSignificantBits() >>> 24) + worker) & 0xff_ffff_ffffL;
    return base32(new UUID(bits << 24, 0)).substring(0, 8);
  }

  /**
   * The {@code ordinal}th name of a series derived from {@code seed}: a rerun of the same export
   * writes the same names, replacing what an interrupted attempt left instead of adding to it.
   */
  public static String derived(String seed, int ordinal, String suffix) {
    var bytes = (seed + "#" + ordinal).getBytes(StandardCharsets.UTF_8);
    return base32(UUID.nameUUIDFromBytes(bytes)) + suffix;
  }

  static String base32(UUID uuid) {
    var bytes =
        ByteBuffer.allocate(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits())
            .array();
    var name = new StringBuilder(26);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        name.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      name.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }
}
