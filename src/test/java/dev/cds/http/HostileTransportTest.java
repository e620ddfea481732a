package dev.cds.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.client.Endpoints;
import dev.cds.core.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one HTTP layer against servers that redirect, trickle, flood, or sit behind a proxy. */
class HostileTransportTest {
  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
      + "Connection: close\r\n\r\n{\"cards\":[]}";

  private static CdsClient client(String base, Transport transport, Duration timeout) {
    Authorizer bearer = (method, uri) -> Optional.of("Bearer s3cret-jwt");
    return new CdsClient(transport, Endpoints.of(base), bearer, Map.of(), timeout);
  }

  private static HttpFailure post(HostileServer server, long maxBytes, Duration timeout) {
    Transport t = new UrlConnectionTransport(TlsSettings.defaults(), maxBytes, ProxySettings.NONE);
    return assertThrows(HttpFailure.class, () -> client(server.url(""), t, timeout)
        .post(URI.create(server.url("/cds-services/x")), Json.object().put("fhirAuthorization", "token")));
  }

  @Test
  void a307OnThePostIsAFailureAndNothingGoesToTheOtherOrigin() throws Exception {
    try (HostileServer other = new HostileServer((head, out) -> HostileServer.write(out, OK));
        HostileServer redirecting = new HostileServer((head, out) -> HostileServer.write(out,
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + other.url("/steal") + "\r\nContent-Length: 0\r\n\r\n"))) {
      HttpFailure f = post(redirecting, UrlConnectionTransport.DEFAULT_MAX_RESPONSE_BYTES, Duration.ofSeconds(5));
      assertEquals(HttpFailure.Kind.REDIRECT, f.kind());
      assertEquals(307, f.status());
      assertTrue(f.getMessage().contains("redirects to " + other.url("/steal")), f.getMessage());
      assertTrue(other.requests.isEmpty(), "credentials and body never reach the other origin");
      assertEquals(1, redirecting.requests.size());
    }
  }

  @Test
  void a302IsNeverTurnedIntoAGet() throws Exception {
    try (HostileServer other = new HostileServer((head, out) -> HostileServer.write(out, OK));
        HostileServer redirecting = new HostileServer((head, out) -> HostileServer.write(out,
            "HTTP/1.1 302 Found\r\nLocation: " + other.url("/cards") + "\r\nContent-Length: 0\r\n\r\n"))) {
      HttpFailure f = post(redirecting, UrlConnectionTransport.DEFAULT_MAX_RESPONSE_BYTES, Duration.ofSeconds(5));
      assertEquals(HttpFailure.Kind.REDIRECT, f.kind());
      assertTrue(other.requests.isEmpty());
    }
  }

  @Test
  void aTricklingBodyIsCutOffAtTheDeadlineNotRestartedByEachByte() throws Exception {
    try (HostileServer trickle = new HostileServer((head, out) -> {
      HostileServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
      for (int i = 0; i < 100; i++) {
        HostileServer.write(out, " ");
        Thread.sleep(200);
      }
    })) {
      long start = System.nanoTime();
      HttpFailure f = post(trickle, UrlConnectionTransport.DEFAULT_MAX_RESPONSE_BYTES, Duration.ofSeconds(1));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(HttpFailure.Kind.TIMEOUT, f.kind(), f.getMessage());
      assertTrue(ms < 8_000, "cut off near the 1 s deadline, not after 20 s of trickle: " + ms + " ms");
    }
  }

  @Test
  void aTricklingHeaderIsCutOffToo() throws Exception {
    try (HostileServer trickle = new HostileServer((head, out) -> {
      for (char c : "HTTP/1.1 200 OK\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".toCharArray()) {
        HostileServer.write(out, String.valueOf(c));
        Thread.sleep(200);
      }
    })) {
      long start = System.nanoTime();
      HttpFailure f = post(trickle, UrlConnectionTransport.DEFAULT_MAX_RESPONSE_BYTES, Duration.ofSeconds(1));
      assertEquals(HttpFailure.Kind.TIMEOUT, f.kind(), f.getMessage());
      assertTrue((System.nanoTime() - start) / 1_000_000 < 8_000);
    }
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeReading() throws Exception {
    try (HostileServer huge = new HostileServer((head, out) -> {
      HostileServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3000000000\r\n\r\n{");
      Thread.sleep(5000);
    })) {
      HttpFailure f = post(huge, UrlConnectionTransport.DEFAULT_MAX_RESPONSE_BYTES, Duration.ofSeconds(10));
      assertEquals(HttpFailure.Kind.TOO_LARGE, f.kind());
      assertTrue(f.getMessage().contains("3000000000 bytes declared"), f.getMessage());
    }
  }

  @Test
  void anEndlessChunkedBodyStopsAtTheCap() throws Exception {
    byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    try (HostileServer flood = new HostileServer((head, out) -> {
      HostileServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      while (true) {
        out.write(chunk);
      }
    })) {
      HttpFailure f = post(flood, 1024 * 1024, Duration.ofSeconds(10));
      assertEquals(HttpFailure.Kind.TOO_LARGE, f.kind(), f.getMessage());
      assertTrue(f.getMessage().contains("more than 1048576 bytes"), f.getMessage());
    }
  }

  @Test
  void requestsGoThroughTheProxyOfTheEnvironmentWithItsCredentialsUnlessNoProxySaysOtherwise() throws Exception {
    try (HostileServer proxy = new HostileServer((head, out) -> HostileServer.write(out, OK))) {
      String target = "http://cds.example.test:9/cds-services/x";
      ProxySettings env = ProxySettings.of(Map.of("HTTP_PROXY", "http://user:pa%3Ass@127.0.0.1:"
          + URI.create(proxy.url("")).getPort()), null);
      Transport t = new UrlConnectionTransport(TlsSettings.defaults(), 1 << 20, env);
      HttpResult r = t.send(HttpCall.postJson(URI.create(target), "{}".getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(5)));
      assertEquals(200, r.status());
      String head = proxy.requests.get(0);
      assertTrue(head.startsWith("POST " + target + " HTTP/1.1"), head);
      assertTrue(head.contains("Proxy-Authorization: Basic dXNlcjpwYTpzcw=="), head);
      assertTrue(env.describe().contains("user:[redacted]@"), env.describe());
      assertFalse(env.describe().contains("pa%3Ass"), env.describe());

      ProxySettings bypass = ProxySettings.of(Map.of("http_proxy", proxy.url(""), "no_proxy", ".example.test"), null);
      assertEquals(null, bypass.proxyFor(URI.create(target)));
      assertEquals(null, ProxySettings.of(Map.of("HTTPS_PROXY", proxy.url("")), null).proxyFor(URI.create(target)),
          "HTTPS_PROXY is for https URLs only");
    }
  }

  @Test
  void verboseRedactionHoldsForTokensWithEscapedQuotes() {
    String body = "{\"fhirAuthorization\":{\"access_token\":\"abc\\\"def\\\\\",\"scope\":\"user/*.read\"}}";
    String redacted = VerboseTransport.redact(body);
    assertEquals("{\"fhirAuthorization\":{\"access_token\":\"[redacted]\",\"scope\":\"user/*.read\"}}", redacted);
  }
}
