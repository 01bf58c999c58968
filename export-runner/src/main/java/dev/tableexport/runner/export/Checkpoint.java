package dev.tableexport.runner.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.source.ScanPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One step of an export's progress, stored once the data file it names is durable: the file, the
 * billed size of its items, and the scan positions its items bring their segments to. A rerun
 * keeps the files of its export's checkpoints and scans each segment on from its newest position.
 *
 * @param sequence orders the checkpoints of one export, across reruns
 * @param file null for a checkpoint of positions alone (pages with no items)
 */
public record Checkpoint(
    long sequence,
    String exportFormat,
    int totalSegments,
    DataFileEntry file,
    long billedSizeBytes,
    List<ScanPosition> positions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public byte[] toBytes() {
    var root = JSON.createObjectNode();
    root.put("sequence", sequence);
    root.put("exportFormat", exportFormat);
    root.put("totalSegments", totalSegments);
    if (file != null) {
      root.putObject("file")
          .put("itemCount", file.itemCount())
          .put("md5Checksum", file.md5Checksum())
          .put("etag", file.etag())
          .put("dataFileS3Key", file.dataFileS3Key());
    }
    root.put("billedSizeBytes", billedSizeBytes);
    var array = root.putArray("positions");
    for (var position : positions) {
      var node = array.addObject().put("segment", position.segment());
      if (!position.segmentDone()) {
        writeKey(node.putObject("nextKey"), position.nextKey());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Throws IOException for bytes that are no checkpoint. */
  public static Checkpoint parse(byte[] bytes) throws IOException {
    var root = JSON.readTree(bytes);
    try {
      var fileNode = root.get("file");
      var file = fileNode == null ? null : new DataFileEntry(
          fileNode.required("itemCount").asLong(),
          fileNode.required("md5Checksum").asText(),
          fileNode.required("etag").asText(),
          fileNode.required("dataFileS3Key").asText());
      var positions = new ArrayList<ScanPosition>();
      for (var node : root.required("positions")) {
        var key = node.get("nextKey");
        positions.add(new ScanPosition(node.required("segment").asInt(),
            key == null ? null : readKey(key)));
      }
      return new Checkpoint(
          root.required("sequence").asLong(),
          root.required("exportFormat").asText(),
          root.required("totalSegments").asInt(),
          file,
          root.required("billedSizeBytes").asLong(),
          List.copyOf(positions));
    } catch (IllegalArgumentException e) {
      throw new IOException("Not a checkpoint: " + e.getMessage(), e);
    }
  }

  /** Key attributes are strings, numbers or binaries only: DynamoDB's key types. */
  private static void writeKey(ObjectNode node, Map<String, AttributeValue> key) {
    key.forEach((name, value) -> {
      var typed = node.putObject(name);
      if (value.s() != null) {
        typed.put("S", value.s());
      } else if (value.n() != null) {
        typed.put("N", value.n());
      } else if (value.b() != null) {
        typed.put("B", value.b().asByteArray());
      } else {
        throw new IllegalArgumentException("Key attribute " + name + " is not S, N or B: " + value);
      }
    });
  }

  private static Map<String, AttributeValue> readKey(JsonNode node) throws IOException {
    var key = new LinkedHashMap<String, AttributeValue>();
    for (var field : node.properties()) {
      var typed = field.getValue();
      AttributeValue value;
      if (typed.has("S")) {
        value = AttributeValue.fromS(typed.get("S").asText());
      } else if (typed.has("N")) {
        value = AttributeValue.fromN(typed.get("N").asText());
      } else if (typed.has("B")) {
        value = AttributeValue.fromB(SdkBytes.fromByteArray(typed.get("B").binaryValue()));
      } else {
        throw new IOException("Key attribute " + field.getKey() + " is not S, N or B");
      }
      key.put(field.getKey(), value);
    }
    return key;
  }
}
