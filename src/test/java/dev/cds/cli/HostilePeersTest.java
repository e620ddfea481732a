package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cds call, discover and feedback against peers that redirect, flood, or answer with escape sequences. */
class HostilePeersTest {
  private HttpServer server;
  private final AtomicInteger elsewhere = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", ex -> {
      String path = ex.getRequestURI().getPath();
      ex.getRequestBody().readAllBytes();
      if (path.equals("/cds-services")) {
        send(ex, 200, "{\"services\":[{\"id\":\"redirect\",\"hook\":\"patient-view\",\"title\":\"t\",\"description\":\"d\"},"
            + "{\"id\":\"big\",\"hook\":\"patient-view\",\"title\":\"t\",\"description\":\"d\"},"
            + "{\"id\":\"evil\",\"hook\":\"patient-view\",\"title\":\"\\u001b]0;pwned\\u0007\",\"description\":\"d\"}]}");
      } else if (path.endsWith("/redirect")) {
        ex.getResponseHeaders().add("Location", base() + "/elsewhere");
        ex.sendResponseHeaders(307, -1);
        ex.close();
      } else if (path.endsWith("/big")) {
        send(ex, 200, "{\"cards\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}");
      } else {
        send(ex, 200, "{\"cards\":[{\"indicator\":\"info\",\"summary\":\"\\u001b[2J\\u001b[31mCRITICAL\\u202e\","
            + "\"source\":{\"label\":\"\\u009b6n\"}}]}");
      }
    });
    server.createContext("/elsewhere", ex -> {
      elsewhere.incrementAndGet();
      send(ex, 200, "{\"cards\":[]}");
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String json) throws java.io.IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Test
  void aRedirectedHookCallIsAServiceFailureAndNothingIsResent() {
    Cli.Result r = cli().run("call", "redirect", "--base", base(), "--fhir-server", "http://fhir.example.org",
        "--fhir-token", "secret-token");
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.err().contains("HTTP 307") && r.err().contains("redirects to " + base() + "/elsewhere"), r.err());
    assertEquals("", r.out(), "nothing on stdout for a failed single service");
    assertEquals(0, elsewhere.get(), "the body with its access token went nowhere else");
  }

  @Test
  void aResponseOverTheSizeLimitIsAServiceFailure() {
    Cli.Result r = cli().run("call", "big", "--base", base(), "--max-response-size", "100KB");
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.err().contains("too large"), r.err());
    assertEquals(0, cli().run("call", "big", "--base", base()).code(), "the default limit is 32 MB");
  }

  @Test
  void escapeSequencesFromTheServiceNeverReachTheTerminal() {
    Cli.Result r = cli().terminal().run("call", "evil", "--base", base(), "--no-color");
    assertFalse(r.out().contains("\u001b"), r.out());
    assertFalse(r.out().contains("\u202e"), r.out());
    assertFalse(r.out().contains("\u009b"), r.out());
    assertTrue(r.out().contains("\\e[2J\\e[31mCRITICAL\\u202e"), r.out());
    Cli.Result json = cli().run("call", "evil", "--base", base(), "--output", "json");
    assertTrue(json.out().contains("\\u001B[2J") || json.out().contains("\\u001b[2J"), json.out());
  }
}
