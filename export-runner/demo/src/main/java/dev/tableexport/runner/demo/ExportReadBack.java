package dev.tableexport.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads a DYNAMODB_JSON export of the sample table back from the bucket, apart from the code that
 * wrote it: every data file its manifest lists, each file's lines against the manifest's count,
 * and the items' sort keys (the sample item's index) against {@code 0..items-1}, each exactly once.
 */
final class ExportReadBack {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SORT_KEY = Pattern.compile("\"sk\":\\{\"N\":\"(\\d+)\"}");

  /** What the data files hold, against what the manifest and the table say. */
  record Result(long lines, int dataFiles, int filesMiscounted, long duplicates, long missing,
      long unrecognised) {

    boolean correct() {
      return filesMiscounted == 0 && duplicates == 0 && missing == 0 && unrecognised == 0;
    }
  }

  private ExportReadBack() {}

  /** The manifest-files.json entries of the export whose summary is at {@code summaryKey}. */
  static List<JsonNode> manifestFiles(S3Client s3, String bucket, String summaryKey) {
    var key = summaryKey.replace("manifest-summary.json", "manifest-files.json");
    var text = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asUtf8String();
    return text.lines().map(ExportReadBack::json).toList();
  }

  static Result check(S3Client s3, String bucket, String summaryKey, int items)
      throws IOException {
    var seen = new BitSet(items);
    long lines = 0;
    long duplicates = 0;
    long unrecognised = 0;
    int miscounted = 0;
    var files = manifestFiles(s3, bucket, summaryKey);
    for (var file : files) {
      long fileLines = 0;
      var key = file.path("dataFileS3Key").asText();
      try (var reader = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(s3.getObject(get -> get.bucket(bucket).key(key))),
          StandardCharsets.UTF_8))) {
        for (var line = reader.readLine(); line != null; line = reader.readLine()) {
          fileLines++;
          var sortKey = SORT_KEY.matcher(line);
          int index = sortKey.find() ? Integer.parseInt(sortKey.group(1)) : -1;
          if (index < 0 || index >= items) {
            unrecognised++;
          } else if (seen.get(index)) {
            duplicates++;
          } else {
            seen.set(index);
          }
        }
      }
      if (fileLines != file.path("itemCount").asLong(-1)) {
        miscounted++;
      }
      lines += fileLines;
    }
    return new Result(lines, files.size(), miscounted, duplicates, items - seen.cardinality(),
        unrecognised);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
