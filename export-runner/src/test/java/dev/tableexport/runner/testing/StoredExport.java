package dev.tableexport.runner.testing;

import dev.tableexport.contract.ExportDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An export as stored in the bucket, read back independently of the code that wrote it and
 * checked against export-format.md.
 */
public final class StoredExport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SUMMARY_KEYS =
      List.of("version", "exportArn", "startTime", "endTime", "tableArn", "tableId", "exportTime",
          "s3Bucket", "s3Prefix", "s3SseAlgorithm", "s3SseKmsKeyId", "manifestFilesS3Key",
          "billedSizeBytes", "itemCount", "outputFormat");
  private static final List<String> INCREMENTAL_SUMMARY_KEYS =
      List.of("version", "exportArn", "startTime", "endTime", "tableArn", "tableId",
          "exportFromTime", "exportToTime", "s3Bucket", "s3Prefix", "s3SseAlgorithm",
          "s3SseKmsKeyId", "manifestFilesS3Key", "billedSizeBytes", "itemCount", "outputFormat",
          "outputView", "exportType");
  private static final List<String> FILE_KEYS =
      List.of("itemCount", "md5Checksum", "etag", "dataFileS3Key");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  private final S3Client s3;
  private final String bucket;
  private final ExportDescription description;
  private final String directory;

  public StoredExport(S3Client s3, String bucket, ExportDescription description) {
    this.s3 = s3;
    this.bucket = bucket;
    this.description = description;
    this.directory = description.exportManifest().replace("manifest-summary.json", "");
  }

  public String directory() {
    return directory;
  }

  public JsonNode summary() {
    return json(get("manifest-summary.json"));
  }

  public List<JsonNode> files() {
    var text = new String(get("manifest-files.json"), StandardCharsets.UTF_8);
    return text.lines().map(StoredExport::json).toList();
  }

  /** Checks the layout, the manifests, the sidecars, and every data file's checksum and ETag. */
  public void assertWellFormed() {
    var summaryBytes = get("manifest-summary.json");
    var summaryText = new String(summaryBytes, StandardCharsets.UTF_8);
    assertFalse(summaryText.contains("\n"), "manifest-summary.json is one line with no newline");
    var summary = json(summaryBytes);
    boolean incremental = summary.has("exportType");
    assertEquals(incremental ? INCREMENTAL_SUMMARY_KEYS : SUMMARY_KEYS, fieldNames(summary),
        "manifest-summary.json keys in order");
    assertEquals(incremental ? "2023-08-01" : "2020-06-30", summary.get("version").asText());
    assertEquals(description.exportArn(), summary.get("exportArn").asText());
    assertEquals(description.exportManifest().replace("summary", "files"),
        summary.get("manifestFilesS3Key").asText());
    var times = incremental
        ? List.of("startTime", "endTime", "exportFromTime", "exportToTime")
        : List.of("startTime", "endTime", "exportTime");
    for (var time : times) {
      assertTrue(TIME.matcher(summary.get(time).asText()).matches(), time + " format");
    }
    assertEquals(md5Base64(summaryBytes), text(get("manifest-summary.md5")));

    var filesBytes = get("manifest-files.json");
    assertEquals(md5Base64(filesBytes), text(get("manifest-files.md5")));
    assertTrue(filesBytes.length > 0 && filesBytes[filesBytes.length - 1] == '\n',
        "every manifest-files.json line ends in a newline");
    var dataKeys = new HashSet<String>();
    long itemCount = 0;
    var suffix = summary.get("outputFormat").asText().equals("ION") ? "ion" : "json";
    var dataDirectory = incremental ? directory.replaceAll("[^/]+/$", "") : directory;
    var dataKey = Pattern.compile(Pattern.quote(dataDirectory) + "data/[a-z2-7]{26}\\." + suffix + "\\.gz");
    for (var file : files()) {
      assertEquals(FILE_KEYS, fieldNames(file), "manifest-files.json keys in order");
      var key = file.get("dataFileS3Key").asText();
      assertTrue(dataKey.matcher(key).matches(), "data file key " + key);
      var bytes = getKey(key);
      assertEquals(md5Base64(bytes), file.get("md5Checksum").asText(), "md5Checksum of " + key);
      var storedEtag = s3.headObject(head -> head.bucket(bucket).key(key)).eTag().replace("\"", "");
      assertEquals(storedEtag, file.get("etag").asText(), "etag of " + key);
      assertEquals(hex(md5(md5(bytes))) + "-1", storedEtag, "one-part multipart ETag of " + key);
      assertEquals(file.get("itemCount").asLong(), gunzip(bytes).lines().count(), "itemCount of " + key);
      itemCount += file.get("itemCount").asLong();
      dataKeys.add(key);
    }
    assertEquals(itemCount, summary.get("itemCount").asLong(), "summary itemCount is the files' sum");
    assertEquals(0, getKey(directory + "_started").length, "_started is empty");

    var expectedKeys = new HashSet<String>(incremental ? Set.of() : dataKeys);
    for (var name : List.of("_started", "manifest-summary.json", "manifest-summary.md5",
        "manifest-files.json", "manifest-files.md5")) {
      expectedKeys.add(directory + name);
    }
    assertEquals(expectedKeys, keysUnder(directory), "objects under " + directory);
  }

  /** Every item of every data file, decoded by the SDK (DYNAMODB_JSON) or ion-java (ION). */
  public List<Map<String, AttributeValue>> items() {
    var items = new ArrayList<Map<String, AttributeValue>>();
    boolean ion = summary().get("outputFormat").asText().equals("ION");
    try (var decoder = new SdkJsonItemDecoder()) {
      for (var file : files()) {
        var text = gunzip(getKey(file.get("dataFileS3Key").asText()));
        if (ion) {
          items.addAll(IonItemDecoder.decodeFile(text));
        } else {
          text.lines().forEach(line -> items.add(decoder.decode(json(line).get("Item").toString())));
        }
      }
    }
    return items;
  }

  /** An incremental export's records: keys, and the images that are there. */
  public record Change(
      long writeTimestampMicros,
      Map<String, AttributeValue> keys,
      Map<String, AttributeValue> oldImage,
      Map<String, AttributeValue> newImage) {}

  /** Every record of an incremental export, decoded by the SDK (DYNAMODB_JSON) or ion-java (ION). */
  public List<Change> changes() {
    var changes = new ArrayList<Change>();
    boolean ion = summary().get("outputFormat").asText().equals("ION");
    try (var decoder = new SdkJsonItemDecoder()) {
      for (var file : files()) {
        var text = gunzip(getKey(file.get("dataFileS3Key").asText()));
        if (ion) {
          changes.addAll(IonItemDecoder.decodeChanges(text));
          continue;
        }
        for (var line : text.lines().toList()) {
          var record = json(line);
          assertEquals(List.of("Metadata", "Keys", "OldImage", "NewImage").stream()
              .filter(record::has).toList(), fieldNames(record), "incremental record keys in order");
          changes.add(new Change(
              Long.parseLong(record.get("Metadata").get("WriteTimestampMicros").get("N").asText()),
              decoder.decode(record.get("Keys").toString()),
              record.has("OldImage") ? decoder.decode(record.get("OldImage").toString()) : null,
              record.has("NewImage") ? decoder.decode(record.get("NewImage").toString()) : null));
        }
      }
    }
    return changes;
  }

  /** The raw lines of every data file, decompressed. */
  public List<String> lines() {
    return files().stream()
        .flatMap(file -> gunzip(getKey(file.get("dataFileS3Key").asText())).lines())
        .toList();
  }

  public Set<String> keysUnder(String prefix) {
    return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream()
        .map(object -> object.key())
        .collect(Collectors.toSet());
  }

  private byte[] get(String name) {
    return getKey(directory + name);
  }

  private byte[] getKey(String key) {
    return s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
  }

  public static String gunzip(byte[] gzip) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    return json(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String md5Base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(md5(bytes));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
