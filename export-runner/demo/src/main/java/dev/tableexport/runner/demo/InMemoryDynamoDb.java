package dev.tableexport.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tableexport.runner.format.DynamoDbJsonReader;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.ItemSize;
import dev.tableexport.runner.local.LocalDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stand-in for DynamoDB that answers DescribeTable and Scan for tables held in memory, from
 * pages built beforehand, in DynamoDB's wire format (segments, 1 MB pages, LastEvaluatedKey and
 * ExclusiveStartKey, the {@code x-amz-crc32} header): bench measures the runner's own ceiling
 * through it, with the runner's real HTTP client and SDK, at loopback speed. It checks no
 * signature and knows no other operation. Tests make it a slow store: {@link #delayScans} answers
 * each Scan late, and counts how many it answered at once.
 */
public final class InMemoryDynamoDb implements AutoCloseable {

  /** DynamoDB ends a Scan page once the items read reach 1 MB. */
  private static final long PAGE_BYTES = 1L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final Map<String, Table> tables = new HashMap<>();
  private final AtomicInteger scansUnderWay = new AtomicInteger();
  private final AtomicInteger mostScansAtOnce = new AtomicInteger();
  private volatile Duration scanDelay = Duration.ZERO;

  private InMemoryDynamoDb(HttpServer server) {
    this.server = server;
  }

  /** Starts with no table, on a free loopback port. */
  public static InMemoryDynamoDb start() throws IOException {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    var dynamo = new InMemoryDynamoDb(server);
    server.setExecutor(dynamo.threads);
    server.createContext("/", dynamo::handle);
    server.start();
    return dynamo;
  }

  /**
   * Holds a table of {@code count} items made by {@code items}; the first of {@code
   * keyAttributes} is its hash key, the second, if any, its range key.
   */
  public synchronized void addTable(
      String tableName, List<String> keyAttributes, int count,
      IntFunction<Map<String, AttributeValue>> items) {
    var table = new Table(tableName, keyAttributes);
    for (int i = 0; i < count; i++) {
      table.add(items.apply(i));
    }
    tables.put(tableName, table);
  }

  /** Answers every Scan from now on only after {@code delay}. */
  public void delayScans(Duration delay) {
    scanDelay = delay;
  }

  /** The most Scan requests it has been answering at one time. */
  public int mostScansAtOnce() {
    return mostScansAtOnce.get();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      var request = JSON.readTree(exchange.getRequestBody());
      var operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
      var table = tables.get(request.path("TableName").asText());
      if (target == null || !target.startsWith(TARGET_PREFIX)
          || !(operation.equals("Scan") || operation.equals("DescribeTable"))) {
        error(exchange, "UnknownOperationException", "Unknown operation " + target);
      } else if (table == null) {
        error(exchange, "ResourceNotFoundException",
            "Cannot do operations on a non-existent table");
      } else if (operation.equals("DescribeTable")) {
        send(exchange, 200, table.description());
      } else {
        send(exchange, 200, scan(table, request));
      }
    } catch (RuntimeException e) {
      error(exchange, "InternalServerError", e.toString());
    }
  }

  private byte[] scan(Table table, JsonNode request) throws IOException {
    mostScansAtOnce.accumulateAndGet(scansUnderWay.incrementAndGet(), Math::max);
    try {
      Thread.sleep(scanDelay);
      return table.scan(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("stopped", e);
    } finally {
      scansUnderWay.decrementAndGet();
    }
  }

  private static void error(HttpExchange exchange, String type, String message)
      throws IOException {
    var body = JSON.createObjectNode()
        .put("__type", "com.amazonaws.dynamodb.v20120810#" + type)
        .put("message", message);
    send(exchange, type.equals("InternalServerError") ? 500 : 400, JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    var crc = new CRC32();
    crc.update(body);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/x-amz-json-1.0");
    headers.set("x-amz-crc32", Long.toString(crc.getValue()));
    headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** One table: its items' wire JSON, and its scan pages, built once per TotalSegments. */
  private static final class Table {

    private final String name;
    private final List<String> keyAttributes;
    private final List<byte[]> items = new ArrayList<>();
    private final List<Map<String, AttributeValue>> keys = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private final Map<Integer, Segments> scans = new ConcurrentHashMap<>();
    private long sizeBytes;

    Table(String name, List<String> keyAttributes) {
      this.name = name;
      this.keyAttributes = keyAttributes;
    }

    void add(Map<String, AttributeValue> item) {
      var key = new HashMap<String, AttributeValue>();
      keyAttributes.forEach(attribute -> key.put(attribute, item.get(attribute)));
      items.add(wireJson(item));
      keys.add(key);
      long size = ItemSize.of(item);
      sizes.add(size);
      sizeBytes += size;
    }

    byte[] description() {
      var table = JSON.createObjectNode();
      var definitions = table.putArray("AttributeDefinitions");
      var keySchema = table.putArray("KeySchema");
      for (int i = 0; i < keyAttributes.size(); i++) {
        var attribute = keyAttributes.get(i);
        var type = keys.isEmpty() ? "S" : keys.getFirst().get(attribute).type().toString();
        definitions.addObject().put("AttributeName", attribute).put("AttributeType", type);
        keySchema.addObject()
            .put("AttributeName", attribute)
            .put("KeyType", i == 0 ? "HASH" : "RANGE");
      }
      table.put("CreationDateTime", 1.7e9)
          .put("ItemCount", items.size())
          .put("TableArn", LocalDynamoDb.tableArn(name))
          .put("TableId", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
          .put("TableName", name)
          .put("TableSizeBytes", sizeBytes)
          .put("TableStatus", "ACTIVE");
      return bytes(JSON.createObjectNode().set("Table", table));
    }

    byte[] scan(JsonNode request) throws IOException {
      int totalSegments = request.path("TotalSegments").asInt(1);
      int segment = request.path("Segment").asInt(0);
      var segments = scans.computeIfAbsent(totalSegments, this::paginate);
      int page = 0;
      if (request.has("ExclusiveStartKey")) {
        var startKey =
            DynamoDbJsonReader.parseAttributes(request.get("ExclusiveStartKey").toString());
        page = segments.pageAfter.getOrDefault(startKey, -1);
        if (page < 0) {
          throw new IllegalArgumentException("No page ends at ExclusiveStartKey " + startKey);
        }
      }
      return segments.pages.get(segment).get(page);
    }

    /** Item i is in segment i mod totalSegments; a page ends once its items reach 1 MB. */
    private Segments paginate(int totalSegments) {
      var segments = new Segments(new ArrayList<>(), new HashMap<>());
      for (int segment = 0; segment < totalSegments; segment++) {
        var pages = new ArrayList<byte[]>();
        var page = new ArrayList<Integer>();
        long pageBytes = 0;
        for (int i = segment; i < items.size(); i += totalSegments) {
          page.add(i);
          pageBytes += sizes.get(i);
          boolean last = i + totalSegments >= items.size();
          if (pageBytes >= PAGE_BYTES || last) {
            var endKey = last ? null : keys.get(i);
            if (endKey != null) {
              segments.pageAfter.put(endKey, pages.size() + 1);
            }
            pages.add(page(page, endKey));
            page.clear();
            pageBytes = 0;
          }
        }
        if (pages.isEmpty()) {
          pages.add(page(List.of(), null));
        }
        segments.pages.add(pages);
      }
      return segments;
    }

    private byte[] page(List<Integer> indexes, Map<String, AttributeValue> lastEvaluatedKey) {
      var body = new ByteArrayOutputStream();
      body.writeBytes(
          ("{\"Count\":" + indexes.size() + ",\"Items\":[").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < indexes.size(); i++) {
        if (i > 0) {
          body.write(',');
        }
        body.writeBytes(items.get(indexes.get(i)));
      }
      body.write(']');
      if (lastEvaluatedKey != null) {
        body.writeBytes(",\"LastEvaluatedKey\":".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wireJson(lastEvaluatedKey));
      }
      body.writeBytes(
          (",\"ScannedCount\":" + indexes.size() + "}").getBytes(StandardCharsets.UTF_8));
      return body.toByteArray();
    }

    /** {@code {"Item":<attributes>}\n} as the export encoder writes it, less its frame. */
    private static byte[] wireJson(Map<String, AttributeValue> attributes) {
      var line = new ByteArrayOutputStream();
      try (var encoder = ExportFormat.DYNAMODB_JSON.openEncoder(line)) {
        encoder.writeItem(attributes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var bytes = line.toByteArray();
      int frame = "{\"Item\":".length();
      return Arrays.copyOfRange(bytes, frame, bytes.length - "}\n".length());
    }

    private static byte[] bytes(ObjectNode node) {
      try {
        return JSON.writeValueAsBytes(node);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Each segment's pages, and which page follows the one a key ends. */
  private record Segments(
      List<List<byte[]>> pages, Map<Map<String, AttributeValue>, Integer> pageAfter) {}
}
