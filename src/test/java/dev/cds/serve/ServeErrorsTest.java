package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code cds serve} answers to requests it refuses or fails on: always a status with an
 * OperationOutcome, never an empty reply; bodies refused by size before they are held.
 */
class ServeErrorsTest {
  static final String CALL = "{\"hook\":\"patient-view\",\"hookInstance\":\"%s\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"1\"}}";
  static final String SERVICE = "/cds-services/patient-view-reminders";

  @TempDir Path tmp;
  final StringWriter log = new StringWriter();
  final List<CdsServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(CdsServer::close);
  }

  private String start(CdsServer server) {
    servers.add(server);
    return server.start("127.0.0.1", 0, 2).baseUrl();
  }

  private CdsServer examples() {
    return new CdsServer(ServiceDefinitions.load(Path.of("examples/services")), new PrintWriter(log, true),
        Clock.systemUTC());
  }

  private static String post(String path, int length) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n";
  }

  private static RawHttp.Response call(String base, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return RawHttp.exchange(base, post(SERVICE, bytes.length), bytes);
  }

  @Test
  void everyRefusalCarriesAnOperationOutcome() throws Exception {
    Path defs = tmp.resolve("defs");
    Files.createDirectories(defs);
    Files.writeString(defs.resolve("a.json"), "{\"id\":\"needs-data\",\"hook\":\"patient-view\","
        + "\"response\":{\"status\":412,\"body\":null}}");
    Files.writeString(defs.resolve("b.json"), "{\"id\":\"crd-violation\",\"hook\":\"patient-view\",\"response\":"
        + "{\"status\":422,\"body\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
        + "\"code\":\"business-rule\"}]}}}");
    String base = start(new CdsServer(ServiceDefinitions.load(defs), null, Clock.systemUTC())
        .gate((ex, aud) -> ex.getRequestHeaders().containsKey("X-Refuse") ? Optional.of("asked to") : Optional.empty())
        .limits(new CdsServer.Limits(1000, Duration.ofSeconds(10))));
    String ok = String.format(CALL, "x");
    record Case(int status, String head, String body) {}
    List<Case> cases = List.of(
        new Case(400, post("/cds-services/needs-data", 5), "{nope"),
        new Case(400, post("/cds-services/needs-data", 2), "[]"),
        new Case(401, "GET /cds-services HTTP/1.1\r\nHost: x\r\nX-Refuse: 1\r\n", null),
        new Case(404, post("/cds-services/nope", 2), "{}"),
        new Case(404, "GET /cds-servicesX HTTP/1.1\r\nHost: x\r\n", null),
        new Case(404, "GET /cds-services/needs-data/feedback/more HTTP/1.1\r\nHost: x\r\n", null),
        new Case(404, "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n", null),
        new Case(405, "GET /cds-services/needs-data HTTP/1.1\r\nHost: x\r\n", null),
        new Case(405, "DELETE /cds-services HTTP/1.1\r\nHost: x\r\n", null),
        new Case(412, post("/cds-services/needs-data", ok.length()), ok),
        new Case(413, post("/cds-services/needs-data", 5000), null),
        new Case(415, post("/cds-services/needs-data", 2).replace("application/json", "text/plain"), "{}"),
        new Case(422, post("/cds-services/crd-violation", ok.length()), ok));
    for (Case c : cases) {
      RawHttp.Response r = RawHttp.exchange(base, c.head(),
          c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8));
      assertEquals(c.status(), r.status(), c.head() + " -> " + r);
      assertTrue(r.isOperationOutcome(), c.head() + " -> " + r);
    }
    RawHttp.Response head = RawHttp.exchange(base, "HEAD /cds-services/needs-data HTTP/1.1\r\nHost: x\r\n");
    assertEquals(405, head.status(), head::toString);
    assertEquals("", head.body(), "no body for HEAD");
    RawHttp.Response unauthorized = RawHttp.exchange(base, "GET /cds-services HTTP/1.1\r\nHost: x\r\nX-Refuse: 1\r\n");
    assertEquals("Bearer", unauthorized.header("www-authenticate"));
    assertFalse(unauthorized.body().contains("asked to"), "the reason stays in the log: " + unauthorized);
    assertEquals("POST, OPTIONS", RawHttp.exchange(base, "GET /cds-services/needs-data HTTP/1.1\r\nHost: x\r\n")
        .header("allow"));
  }

  @Test
  void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
    String base = start(examples().limits(new CdsServer.Limits(1024, Duration.ofSeconds(10))));
    try (Socket socket = RawHttp.connect(base)) {
      // the head only: an answer proves the server did not wait for (or hold) the 10 MB
      socket.getOutputStream().write((post(SERVICE, 10_000_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      RawHttp.Response r = RawHttp.read(socket.getInputStream());
      assertEquals(413, r.status(), r::toString);
      assertTrue(r.isOperationOutcome() && r.body().contains("at most 1024 bytes"), r::toString);
    }
    assertEquals(200, call(base, String.format(CALL, "x")).status(), "a body within the limit");
  }

  @Test
  void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
    String base = start(examples().limits(new CdsServer.Limits(1024, Duration.ofSeconds(10))));
    try (Socket socket = RawHttp.connect(base)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + SERVICE + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("100\r\n" + " ".repeat(256) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 5; i++) { // 1280 bytes, and no last chunk: an endless body as far as the server knows
        out.write(chunk);
      }
      out.flush();
      RawHttp.Response r = RawHttp.read(socket.getInputStream());
      assertEquals(413, r.status(), r::toString);
      assertTrue(r.isOperationOutcome() && r.body().contains("more than 1024 bytes"), r::toString);
    }
  }

  @Test
  void anExceptionInAHandlerIs500WithAnOperationOutcome() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    String base = start(examples().record(notADirectory.resolve("requests")));
    RawHttp.Response r = call(base, String.format(CALL, "x"));
    assertEquals(500, r.status(), r::toString);
    assertTrue(r.isOperationOutcome() && r.body().contains("log has the details"), r::toString);
    assertTrue(log.toString().contains("error: POST " + SERVICE), log::toString);
    assertEquals(500, call(base, String.format(CALL, "y")).status(), "and goes on serving");
  }

  @Test
  void aLongHookInstanceIsRecordedUnderAShortName() throws Exception {
    Path dir = tmp.resolve("requests");
    String base = start(examples().record(dir));
    String instance = "a".repeat(300) + "/../../x\n";
    RawHttp.Response r = call(base, String.format(CALL, instance.replace("\n", "\\n")));
    assertEquals(200, r.status(), r::toString);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), names::toString);
      assertTrue(names.get(0).endsWith("-patient-view-reminders-" + "a".repeat(Recorder.MAX_INSTANCE_CHARS) + ".json"),
          names::toString);
    }
  }

  @Test
  void corsPreflightAndHeadersOnTheCdsEndpointsOnly() throws Exception {
    String base = start(examples().mount("/fhir", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    }));
    for (String path : List.of("/cds-services", SERVICE, SERVICE + "/feedback")) {
      RawHttp.Response pre = RawHttp.exchange(base, "OPTIONS " + path + " HTTP/1.1\r\nHost: x\r\n"
          + "Origin: https://sandbox.example\r\nAccess-Control-Request-Method: POST\r\n"
          + "Access-Control-Request-Headers: authorization, content-type\r\n"
          + "Access-Control-Request-Private-Network: true\r\n");
      assertEquals(204, pre.status(), pre::toString);
      assertEquals("*", pre.header("access-control-allow-origin"));
      assertTrue(pre.header("access-control-allow-methods").contains(path.equals("/cds-services") ? "GET" : "POST"));
      assertTrue(pre.header("access-control-allow-headers").contains("Authorization")
          && pre.header("access-control-allow-headers").contains("Content-Type"), pre::toString);
      assertEquals("true", pre.header("access-control-allow-private-network"));
    }
    assertEquals("*", RawHttp.exchange(base, "GET /cds-services HTTP/1.1\r\nHost: x\r\n").header("access-control-allow-origin"));
    assertEquals("*", call(base, String.format(CALL, "x")).header("access-control-allow-origin"));
    assertEquals("*", RawHttp.exchange(base, "GET /cds-services/nope HTTP/1.1\r\nHost: x\r\n")
        .header("access-control-allow-origin"), "errors too, so a page can read them");
    assertNull(RawHttp.exchange(base, "GET /fhir/Patient/1 HTTP/1.1\r\nHost: x\r\n").header("access-control-allow-origin"));
  }

  @Test
  void logLinesEscapeWhatTheClientSent() throws Exception {
    String base = start(examples().gate((ex, aud) ->
        Optional.of("kid '" + ex.getRequestHeaders().getFirst("X-Kid") + "' unknown")));
    RawHttp.exchange(base, "GET /cds-services/a%0aforged%20200%201ms HTTP/1.1\r\nHost: x\r\n"
        + "X-Kid: k\u001b[2J\u009b31m\r\n");
    String[] lines = Logs.lines(log, 2);
    assertEquals(2, lines.length, log::toString);
    assertEquals("rejected GET /cds-services/a\\nforged 200 1ms: kid 'k\\u001b[2J\\u009b31m' unknown", lines[0]);
    assertTrue(lines[1].startsWith("GET /cds-services/a%0aforged%20200%201ms 401 "), lines[1]);
  }

  @Test
  void anyErrorStatusOfADefinitionWithoutBodyGetsAnOperationOutcome() throws Exception {
    Path defs = Files.createDirectories(tmp.resolve("defs"));
    Files.writeString(defs.resolve("a.json"), "{\"id\":\"broken\",\"hook\":\"patient-view\","
        + "\"response\":{\"status\":503,\"body\":null}}");
    String base = start(new CdsServer(ServiceDefinitions.load(defs), null, Clock.systemUTC()));
    String ok = String.format(CALL, "x");
    RawHttp.Response r = RawHttp.exchange(base, post("/cds-services/broken", ok.length()), ok.getBytes(StandardCharsets.UTF_8));
    assertEquals(503, r.status());
    assertTrue(r.isOperationOutcome() && r.body().contains("answers HTTP 503"), r::toString);
  }
}
