package dev.tableexport.operator.moto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a DynamoDB endpoint that counts the operations it forwards by their
 * {@code X-Amz-Target}, so that a test can say how often the operator called one; it can go down
 * and come back on the same port, as an endpoint in an outage.
 */
public final class CountingProxy implements AutoCloseable {

  /** Headers java.net.http sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect",
      "upgrade", "transfer-encoding", "keep-alive");

  private final URI target;
  private HttpServer server;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  public CountingProxy(URI target) throws IOException {
    this.target = target;
    listen(0);
  }

  private void listen(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", this::forward);
    server.start();
    this.port = server.getAddress().getPort();
  }

  /** Closes the port: every call is refused, as by an endpoint that is down. */
  public synchronized void goDown() {
    server.stop(0);
  }

  /** Listens on the same port again. */
  public synchronized void comeBack() throws IOException {
    listen(port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** How many calls of DynamoDB's {@code operation} went through. */
  public int calls(String operation) {
    var count = calls.get("DynamoDB_20120810." + operation);
    return count == null ? 0 : count.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      var operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (operation != null) {
        calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
      }
      var body = exchange.getRequestBody().readAllBytes();
      var request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          values.forEach(value -> request.header(name, value));
        }
      });
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().map().forEach((name, values) -> {
        if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals(":status")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      exchange.getResponseBody().write(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }
}
