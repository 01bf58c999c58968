package dev.tableexport.operator.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * /healthz (alive: every informer watches), /readyz (started, and reconciling or standing by),
 * and /metrics (Prometheus) on one port.
 */
public final class OperatorHttpServer implements AutoCloseable {

  private final HttpServer server;

  public OperatorHttpServer(int port, OperatorHealth health, Supplier<String> metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> answer(exchange, health.liveness()));
    server.createContext("/readyz", exchange -> answer(exchange, health.readiness()));
    server.createContext("/metrics", exchange ->
        respond(exchange, 200, "text/plain; version=0.0.4", metrics.get()));
    server.start();
  }

  /** Ready when {@code ready} says so, alive always: for an operator embedded in a test. */
  public OperatorHttpServer(int port, BooleanSupplier ready, Supplier<String> metrics) throws IOException {
    this(port, OperatorHealth.readyWhen(ready), metrics);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, OperatorHealth.Answer answer) throws IOException {
    respond(exchange, answer.ok() ? 200 : 503, "text/plain", answer.text() + "\n");
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
