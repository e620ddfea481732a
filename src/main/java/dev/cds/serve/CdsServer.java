package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.OperationOutcomes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CDS service on the JDK's {@link HttpServer}: discovery, hook calls answered from
 * {@link ServiceDefinition}s, and feedback. Requests are handled on a thread pool so that a load
 * test measures the client, not a single server thread.
 */
public final class CdsServer implements AutoCloseable {
  private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
  private final List<RequestGate> gates = new ArrayList<>();
  private final Map<String, HttpHandler> mounts = new LinkedHashMap<>();
  /** Reply bodies serialised once: under load a service answers the same bytes thousands of times. */
  private final Map<JsonNode, byte[]> replyBytes = new IdentityHashMap<>();
  private final PrintWriter log;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private Path recordDir;
  private HttpServer server;
  private ExecutorService pool;

  public CdsServer(List<ServiceDefinition> definitions, PrintWriter log, Clock clock) {
    definitions.forEach(d -> services.put(d.id(), d));
    for (ServiceDefinition d : definitions) {
      serialise(d.response());
      d.rules().forEach(r -> serialise(r.reply()));
    }
    this.log = log;
    this.clock = clock;
  }

  /** Write each received hook request and feedback to a file in {@code dir}. */
  public CdsServer record(Path dir) {
    this.recordDir = dir;
    return this;
  }

  public CdsServer gate(RequestGate gate) {
    gates.add(gate);
    return this;
  }

  /** Serves another handler under {@code path} (e.g. a FHIR endpoint at {@code /fhir}). */
  public CdsServer mount(String path, HttpHandler handler) {
    mounts.put(path, handler);
    return this;
  }

  public CdsServer start(String host, int port, int threads) {
    if (port < 0 || port > 65535) {
      throw CdsException.usage("--port " + port + " is out of range: use 0 (any free port) to 65535");
    }
    // The JDK server writes headers and body separately; with Nagle on, the body waits for the
    // client's delayed ACK (40 ms on Linux), capping a keep-alive connection at ~25 calls a second.
    // Read once by the JDK, when the first HttpServer of the process is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 256);
    } catch (IOException | IllegalArgumentException e) {
      throw CdsException.usage("cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + " (is the port in use? --port 0 picks a free one)");
    }
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cds-serve");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/cds-services", this::handle);
    mounts.forEach(server::createContext);
    server.start();
    return this;
  }

  public String baseUrl() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    long start = System.nanoTime();
    int status;
    try (ex) {
      status = route(ex);
    } catch (RuntimeException e) {
      status = 500;
      log("error: " + e);
    }
    if (log != null) {
      log(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + status + " "
          + (System.nanoTime() - start) / 1_000_000 + "ms");
    }
  }

  private int route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
    String[] parts = path.substring("/cds-services".length()).split("/");
    String method = ex.getRequestMethod();
    String audience = gates.isEmpty() ? null : audience(ex);
    for (RequestGate gate : gates) {
      Optional<String> reason = gate.reject(ex, audience);
      if (reason.isPresent()) {
        log("rejected " + method + " " + path + ": " + reason.get());
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        return send(ex, 401, null);
      }
    }
    if (parts.length <= 1) {
      if (!method.equals("GET")) {
        return send(ex, 405, OperationOutcomes.error("not-supported", "discovery is GET /cds-services"));
      }
      return send(ex, 200, discovery());
    }
    ServiceDefinition service = services.get(parts[1]);
    if (service == null) {
      return send(ex, 404, OperationOutcomes.error("not-found", "no service '" + parts[1] + "' here; GET /cds-services lists them"));
    }
    if (!method.equals("POST")) {
      return send(ex, 405, OperationOutcomes.error("not-supported", "call a service with POST"));
    }
    if (parts.length == 3 && parts[2].equals("feedback")) {
      return feedback(ex, service);
    }
    if (parts.length > 2) {
      return send(ex, 404, OperationOutcomes.error("not-found", "unknown path " + path));
    }
    return call(ex, service);
  }

  private int call(HttpExchange ex, ServiceDefinition service) throws IOException {
    JsonNode request;
    try {
      request = Json.parse(readBody(ex), "request body");
    } catch (CdsException e) {
      return send(ex, 400, OperationOutcomes.error("invalid", e.getMessage()));
    }
    if (!request.isObject() || !request.path("context").isObject()) {
      return send(ex, 400, OperationOutcomes.error("required", "a hook request is a JSON object with hook, hookInstance and context"));
    }
    String hook = request.path("hook").asText();
    if (!hook.equals(service.hook())) {
      return send(ex, 400, OperationOutcomes.error("invalid", "service " + service.id() + " answers hook " + service.hook()
          + ", not '" + hook + "'"));
    }
    recordRequest(service.id(), request.path("hookInstance").asText("no-instance"), request);
    ServiceDefinition.Reply reply = service.rules().stream()
        .filter(r -> RuleMatcher.matches(r.when(), request))
        .map(ServiceDefinition.Rule::reply)
        .findFirst()
        .orElse(service.response());
    reply = service.shape(reply, request, clock);
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = replyBytes.get(reply.body());
    return bytes == null ? send(ex, reply.status(), reply.body()) : sendBytes(ex, reply.status(), bytes);
  }

  private void serialise(ServiceDefinition.Reply reply) {
    if (reply.body() != null) {
      replyBytes.put(reply.body(), Json.compact(reply.body()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private int feedback(HttpExchange ex, ServiceDefinition service) throws IOException {
    JsonNode body;
    try {
      body = Json.parse(readBody(ex), "feedback body");
    } catch (CdsException e) {
      return send(ex, 400, OperationOutcomes.error("invalid", e.getMessage()));
    }
    if (!body.path("feedback").isArray()) {
      return send(ex, 400, OperationOutcomes.error("required", "feedback is {\"feedback\": [ … ]}"));
    }
    recordRequest(service.id() + "-feedback", String.valueOf(sequence.get()), body);
    return send(ex, 200, null);
  }

  /** The URL as the client called it (its Host header, the path as sent): what a JWT's aud must name. */
  private String audience(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    return (host == null || host.isBlank() ? baseUrl() : "http://" + host) + ex.getRequestURI().getRawPath();
  }

  private ObjectNode discovery() {
    ObjectNode doc = Json.object();
    ArrayNode list = doc.putArray("services");
    services.values().forEach(s -> list.add(s.discoveryEntry()));
    return doc;
  }

  private void recordRequest(String id, String instance, JsonNode body) {
    if (recordDir == null) {
      return;
    }
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(clock.getZone()).format(clock.instant());
    String name = String.format("%s-%05d-%s-%s.json", stamp, sequence.incrementAndGet(), id, instance.replaceAll("[^A-Za-z0-9-]", "_"));
    // owner-only: a recorded request may carry fhirAuthorization's access token
    AtomicFiles.write(recordDir.resolve(name), (Json.pretty(body) + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  private static String readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int send(HttpExchange ex, int status, JsonNode body) throws IOException {
    return sendBytes(ex, status, body == null ? null : Json.compact(body).getBytes(StandardCharsets.UTF_8));
  }

  private static int sendBytes(HttpExchange ex, int status, byte[] json) throws IOException {
    byte[] bytes = json == null ? new byte[0] : json;
    if (json != null) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }

  private synchronized void log(String line) {
    if (log != null) {
      log.println(line);
      log.flush();
    }
  }
}
