package dev.cds.conformance;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.cli.Cli;
import dev.cds.core.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile or odd server cannot make {@code cds test} leak credentials or raw control characters. */
class SafetyTest {
  @TempDir Path dir;

  private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", handler);
    s.start();
    return s;
  }

  private static String base(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  @Test
  void aRedirectIsNeverFollowedWithTheToken() throws Exception {
    AtomicInteger elsewhere = new AtomicInteger();
    HttpServer other = server(ex -> {
      elsewhere.incrementAndGet();
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    HttpServer redirecting = server(ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("Location", base(other) + ex.getRequestURI().getPath());
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    try {
      Path key = dir.resolve("k.pem");
      KeyFiles.writePrivate(SigningKey.generate("ES384"), key, true);
      Cli.Result r = cli().configDir(dir).run("test", base(redirecting), "--key", key.toString(), "--iss",
          "https://ehr.example", "--output", "json");
      assertEquals(1, r.code(), r::toString);
      JsonNode first = Json.parse(r.out(), "report").path("checks").get(0);
      assertEquals("hooks:discovery", first.path("id").asText());
      assertEquals("fail", first.path("result").asText(), first::toString);
      assertTrue(first.path("reason").asText().contains("307") || first.path("reason").asText().contains("redirect"),
          first::toString);
      assertEquals(0, elsewhere.get(), "nothing, and no token, went to the Location");
    } finally {
      redirecting.stop(0);
      other.stop(0);
    }
  }

  @Test
  void whatAServiceWritesReachesTheReportEscaped() throws Exception {
    String hostile = "{\"services\":[{\"hook\":\"patient-view\",\"id\":\"evil\",\"description\":\"x\u001b]0;pwned\u0007\","
        + "\"title\":\"\u202eevil\"}]}";
    HttpServer s = server(ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = (ex.getRequestURI().getPath().equals("/cds-services") ? hostile
          : "{\"cards\":[{\"summary\":\"\u001b[2Jgone\",\"indicator\":\"info\",\"source\":{\"label\":\"x\"}}]}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    try {
      Cli.Result pretty = cli().terminal().configDir(dir).run("test", base(s), "--repeat", "1");
      Cli.Result json = cli().configDir(dir).run("test", base(s), "--repeat", "1", "--output", "json");
      for (String text : new String[] {pretty.out(), pretty.err(), json.out()}) {
        assertFalse(text.contains("\u001b]") || text.contains("\u001b[2J") || text.contains("\u202e"), text);
      }
      assertTrue(pretty.err().contains("\r[1/"), "a progress line on a terminal: " + pretty.err());
    } finally {
      s.stop(0);
    }
  }
}
