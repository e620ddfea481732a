package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.cds.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP part of the loopback services that {@code cds test} is run against ({@link RuleBreaker},
 * {@link CrdBreaker}): a JDK server on a free loopback port that hands everything under
 * {@code /cds-services} to one handler, and the replies those services share.
 */
final class LoopbackService implements AutoCloseable {
  private final HttpServer server;

  LoopbackService(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", handler);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A JSON reply; a null body sends none, and no Content-Type. */
  static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : Json.compact(body).getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The CORS headers a browser's preflight asks a CDS service for. */
  static void allowCors(HttpExchange ex) {
    ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  }

  /** For a service told to be slow. */
  static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
