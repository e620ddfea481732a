package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import dev.cds.auth.CdsHooksJwt;
import dev.cds.auth.Jwks;
import dev.cds.auth.JwtVerifier;
import dev.cds.auth.SigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.cds.core.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audience a JWT must name comes from the server's own URL, never from what the client claims. */
class ServeJwtGateTest {
  static final SigningKey KEY = SigningKey.generate("ES384");
  static final CdsHooksJwt EHR = new CdsHooksJwt(KEY,
      new CdsHooksJwt.Settings("https://ehr.example", null, null, null, null), Clock.systemUTC());

  final StringWriter log = new StringWriter();
  CdsServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private String start(String publicUrl) throws Exception {
    JWKSet keys = JWKSet.parse(Json.compact(Jwks.publicSet(KEY, null)));
    JwtVerifier verifier = new JwtVerifier(keys, null, Clock.systemUTC());
    server = new CdsServer(ServiceDefinitions.load(Path.of("examples/services")), new PrintWriter(log, true),
        Clock.systemUTC()).gate((ex, audience) -> {
          String reason = verifier.reject(ex.getRequestHeaders().getFirst("Authorization"), audience);
          return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
        });
    if (publicUrl != null) {
      server.publicUrl(publicUrl);
    }
    return server.start("127.0.0.1", 0, 2).baseUrl();
  }

  private static RawHttp.Response discover(String base, String host, String token) throws Exception {
    return RawHttp.exchange(base, "GET /cds-services HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
        + token + "\r\n");
  }

  @Test
  void aTokenForAnotherHostIsRefusedEvenWithAMatchingHostHeader() throws Exception {
    String base = start(null);
    RawHttp.Response spoofed = discover(base, "evil.example:8080", EHR.token("http://evil.example:8080/cds-services"));
    assertEquals(401, spoofed.status(), spoofed::toString);
    assertTrue(log.toString().contains("is not the URL called, " + base + "/cds-services"), log::toString);
    RawHttp.Response honest = discover(base, "evil.example:8080", EHR.token(base + "/cds-services"));
    assertEquals(200, honest.status(), "the Host header plays no part: " + honest + "\n" + log);
  }

  @Test
  void thePublicUrlIsTheAudience() throws Exception {
    String base = start("https://cds.example.org/");
    assertEquals(200, discover(base, "x", EHR.token("https://cds.example.org/cds-services")).status(), log::toString);
    assertEquals(401, discover(base, "cds.example.org", EHR.token(base + "/cds-services")).status());
    assertEquals("https://cds.example.org", server.publicUrl());
  }

  @Test
  void aKidCannotForgeLogLines() throws Exception {
    String base = start(null);
    CdsHooksJwt forger = new CdsHooksJwt(KEY, new CdsHooksJwt.Settings("https://ehr.example",
        "k1\nGET /cds-services 200 1ms\u202e", null, null, null), Clock.systemUTC());
    assertEquals(401, discover(base, "x", forger.token(base + "/cds-services")).status());
    String[] lines = Logs.lines(log, 2);
    assertEquals(2, lines.length, log::toString);
    assertTrue(lines[0].contains("unknown kid 'k1\\nGET /cds-services 200 1ms\\u202e'"), lines[0]);
  }
}
