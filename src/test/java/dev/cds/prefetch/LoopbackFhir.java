package dev.cds.prefetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real FHIR endpoint on loopback ({@link FhirEndpoint} at {@code /fhir}) that records every
 * request line and Authorization header, and can be told to fail certain resource types.
 */
final class LoopbackFhir implements AutoCloseable {
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Resource type → canned (status, body) answer instead of the store's. */
  final Map<String, Map.Entry<Integer, String>> failures = new ConcurrentHashMap<>();
  private final HttpServer server;

  LoopbackFhir(ResourceStore store) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FhirEndpoint endpoint = new FhirEndpoint(store, "/fhir");
    server.createContext("/fhir", exchange -> {
      String uri = exchange.getRequestURI().getRawPath().substring("/fhir/".length())
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      requests.add(uri);
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      String type = uri.split("[/?]")[0];
      Map.Entry<Integer, String> canned = failures.get(type);
      if (canned != null) {
        send(exchange, canned.getKey(), canned.getValue());
      } else {
        endpoint.handle(exchange);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
