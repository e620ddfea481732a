package dev.cds.call;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback CDS server whose every answer a test scripts: discovery, and per path a status,
 * content type and body in a chosen charset. Records the bodies it receives.
 */
final class ScriptedServer implements AutoCloseable {
  record Answer(int status, String contentType, byte[] body) {
    static Answer json(int status, String json) {
      return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(String json, Charset charset) {
      return new Answer(200, "application/json; charset=" + charset.name(), json.getBytes(charset));
    }
  }

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<String> received = new CopyOnWriteArrayList<>();

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      if (in.length > 0) {
        received.add(ex.getRequestURI().getPath() + " " + new String(in, StandardCharsets.UTF_8));
      }
      Answer a = answers.getOrDefault(ex.getRequestURI().getPath(), Answer.json(404, "{}"));
      ex.getResponseHeaders().add("Content-Type", a.contentType());
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(a.body());
      }
    });
    server.start();
  }

  ScriptedServer on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  ScriptedServer discovery(String json) {
    return on("/cds-services", Answer.json(200, json));
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
