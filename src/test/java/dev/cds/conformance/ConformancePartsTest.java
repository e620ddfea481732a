package dev.cds.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.client.Endpoints;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pieces under the checks: percentiles, the request budget, excerpts, the raw preflight, XML text. */
class ConformancePartsTest {
  @Test
  void percentilesAreNearestRank() {
    List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 100L);
    assertEquals(9, TimingProbe.percentile(ten, 90));
    assertEquals(5, TimingProbe.percentile(ten, 50));
    assertEquals(100, TimingProbe.percentile(List.of(1L, 100L), 90));
    assertEquals(7, TimingProbe.percentile(List.of(7L), 90));
  }

  @Test
  void aSessionRefusesOneRequestMoreThanThePlanListed() {
    AtomicInteger sent = new AtomicInteger();
    CdsClient client = new CdsClient(call -> {
      sent.incrementAndGet();
      return new HttpResult(200, Map.of(), new byte[0], Duration.ZERO);
    }, Endpoints.of("http://127.0.0.1:9"), Authorizer.NONE, Map.of(), Duration.ofSeconds(1));
    Session session = new Session(client, 2, Session.Listener.NONE);
    URI uri = URI.create("http://127.0.0.1:9/cds-services");
    session.get(uri, Session.Auth.CONFIGURED, "one");
    session.get(uri, Session.Auth.NONE, "two");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> session.get(uri, Session.Auth.CONFIGURED, "three"));
    assertTrue(e.getMessage().contains("more requests than the plan listed"), e.getMessage());
    assertEquals(2, sent.get(), "the third never left");
  }

  @Test
  void excerptsRedactTokensEscapeControlsAndStayShort() {
    String body = "{\"fhirAuthorization\":{\"access_token\":\"s3cret\"},\"text\":\"\u001b[31mred\u202e\"}";
    String excerpt = Excerpts.request(body.getBytes(StandardCharsets.UTF_8));
    assertFalse(excerpt.contains("s3cret"), excerpt);
    assertTrue(excerpt.contains("[redacted]"), excerpt);
    assertFalse(excerpt.contains("\u001b") || excerpt.contains("\u202e"), excerpt);
    assertTrue(excerpt.contains("\\e[31m"), excerpt);
    String long1 = Excerpts.response("x".repeat(5000));
    assertEquals(Excerpts.MAX + 1, long1.length());
    assertTrue(long1.endsWith("…"));
    assertEquals("not JSON at all", Excerpts.response("  not JSON\n  at all "));
  }

  @Test
  void theRawPreflightReadsStatusAndHeadersOnly() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          InputStream in = s.getInputStream();
          StringBuilder head = new StringBuilder();
          while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
          }
          assertTrue(head.toString().startsWith("OPTIONS /cds-services/x HTTP/1.1\r\n"), head.toString());
          assertTrue(head.toString().contains("\r\nOrigin: https://sandbox.cds-hooks.org\r\n"), head.toString());
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nVary: Origin\r\n"
              + "vary: Access-Control-Request-Method\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      RawHttp.Head head = RawHttp.exchange("OPTIONS", URI.create("http://127.0.0.1:" + server.getLocalPort()
          + "/cds-services/x"), Map.of("Origin", CorsProbe.ORIGIN), TlsSettings.defaults(), Duration.ofSeconds(5));
      t.join();
      assertEquals(204, head.status());
      assertEquals("*", head.headers().get("access-control-allow-origin"));
      assertEquals("Origin, Access-Control-Request-Method", head.headers().get("vary"));
    }
  }

  @Test
  void junitTextDropsWhatXmlCannotCarry() {
    assertEquals("a\uFFFDb\tc", JunitXml.xml("a\u0000b\tc"));
    assertEquals("\uFFFD", JunitXml.xml("\uFFFE"));
  }

  @Test
  void aRunFailsOnAFailedOrUnjudgedShallAndOnWarningsOnlyWhenStrict() {
    Check shall = Check.of("x", Level.SHALL, Area.DISCOVERY, null, "t", "s");
    Check should = Check.of("y", Level.SHOULD, Area.DISCOVERY, null, "t", "s");
    assertEquals(Outcome.FAIL, shall.notMet("r").outcome());
    assertEquals(Outcome.WARN, should.notMet("r").outcome());
    assertEquals(1, report(false, shall.error("r")).exitCode());
    assertEquals(1, report(false, shall.notMet("r")).exitCode());
    assertEquals(0, report(false, should.notMet("r"), should.error("r"), shall.skip("r")).exitCode());
    assertEquals(1, report(true, should.notMet("r")).exitCode());
    assertEquals("1 passed, 1 failed, 1 warned, 1 error, 1 skipped",
        report(false, shall.pass("r"), shall.notMet("r"), should.notMet("r"), should.error("r"), shall.skip("r"))
            .summary());
  }

  private static Report report(boolean strict, CheckResult... results) {
    return new Report("http://x", List.of("cds-hooks"), "2.0", Instant.EPOCH, 0, 1, List.of(results), List.of(), strict);
  }
}
