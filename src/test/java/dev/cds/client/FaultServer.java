package dev.cds.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A loopback CDS server that misbehaves on purpose: discovery lists one service per fault, and
 * each service answers the way its id says (slow, 500 HTML, bad JSON, OperationOutcome …).
 */
public final class FaultServer implements AutoCloseable {
  public static final String DISCOVERY = "{\"services\":["
      + "{\"hook\":\"patient-view\",\"id\":\"ok\",\"name\":\"Uses name not title\",\"description\":\"fine\"},"
      + "{\"hook\":\"patient-view\",\"id\":\"slow\",\"description\":\"answers after 5s\"},"
      + "{\"hook\":\"patient-view\",\"id\":\"html500\",\"description\":\"500 with HTML\"},"
      + "{\"hook\":\"patient-view\",\"id\":\"badjson\",\"description\":\"200, not JSON\"},"
      + "{\"hook\":\"patient-view\",\"id\":\"outcome\",\"description\":\"400 OperationOutcome\"},"
      + "{\"hook\":\"order-sign\",\"id\":\"textjson\",\"description\":\"text/json charset\",\"x-vendor\":{\"kept\":true}}"
      + "]}";

  private final HttpServer server;
  public final Map<String, String> lastBodies = new ConcurrentHashMap<>();
  public final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

  public FaultServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/cds-services", this::handle);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    lastBodies.put(id, body);
    ex.getRequestHeaders().forEach((k, v) -> lastHeaders.put(id + ":" + k.toLowerCase(), String.join(",", v)));
    switch (id) {
      case "cds-services" -> send(ex, 200, "application/json", DISCOVERY);
      case "ok" -> send(ex, 200, "application/json; charset=utf-8", "{\"cards\":[]}");
      case "textjson" -> send(ex, 200, "text/json;charset=UTF-8", "{\"cards\":[],\"extension\":{\"x\":1}}");
      case "slow" -> {
        sleep(5000);
        send(ex, 200, "application/json", "{\"cards\":[]}");
      }
      case "html500" -> send(ex, 500, "text/html", "<html><head><title>Internal Server Error</title></head><body>boom</body></html>");
      case "badjson" -> send(ex, 200, "application/json", "{\"cards\": [");
      case "outcome" -> send(ex, 400, "application/fhir+json",
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\",\"diagnostics\":\"context.patientId missing\"}]}");
      default -> send(ex, 404, "text/plain", "no such service");
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A raw socket server that accepts and immediately resets every connection. */
  public static final class Resetter implements AutoCloseable {
    private final ServerSocket socket;

    public Resetter() throws IOException {
      socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            s.getInputStream().read(new byte[512]);
            s.setSoLinger(true, 0);
          } catch (IOException ignored) {
            // closed: the test is over
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    public String base() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
