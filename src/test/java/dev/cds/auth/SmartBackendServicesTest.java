package dev.cds.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token flow against a real loopback token endpoint. */
class SmartBackendServicesTest {
  static final SigningKey KEY = SigningKey.generate("ES384");
  static final String TOKEN = "at-3f9c1d0e7b";

  @TempDir Path config;
  final JwtVerifierTest.MutableClock clock = new JwtVerifierTest.MutableClock(Instant.now());
  final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  HttpServer server;
  String base;
  volatile String tokenAnswer = "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":300,\"scope\":\"system/*.rs\"}";
  volatile int tokenStatus = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/auth/token", ex -> {
      tokenRequests.add(form(ex));
      reply(ex, tokenStatus, tokenAnswer);
    });
    server.createContext("/fhir/.well-known/smart-configuration", ex -> reply(ex, 200,
        "{\"token_endpoint\":\"" + base + "/auth/token\",\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]}"));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  SmartBackendServices client(String tokenUrl, String fhirBase, List<String> log) {
    return new SmartBackendServices(KEY,
        new SmartBackendServices.Settings(tokenUrl, fhirBase, "cds-cli-client", "system/*.rs", null, null),
        new UrlConnectionTransport(TlsSettings.defaults()), clock, config.resolve("tokens"),
        Duration.ofSeconds(5), log::add);
  }

  @Test
  void postsClientCredentialsWithASignedAssertion() throws Exception {
    String tokenUrl = base + "/auth/token";
    assertEquals("Bearer " + TOKEN,
        client(tokenUrl, null, new ArrayList<>()).authorization("POST", URI.create("http://x/")).orElseThrow());
    assertEquals(1, tokenRequests.size());
    Map<String, String> form = tokenRequests.get(0);
    assertEquals("client_credentials", form.get("grant_type"));
    assertEquals("system/*.rs", form.get("scope"));
    assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
    assertEquals("application/x-www-form-urlencoded", form.get("content-type"));

    SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
    assertTrue(assertion.verify(new ECDSAVerifier((ECPublicKey) KEY.publicKey())));
    assertEquals("ES384", assertion.getHeader().getAlgorithm().getName());
    assertEquals(KEY.thumbprint(), assertion.getHeader().getKeyID());
    JWTClaimsSet claims = assertion.getJWTClaimsSet();
    assertEquals("cds-cli-client", claims.getIssuer());
    assertEquals("cds-cli-client", claims.getSubject());
    assertEquals(List.of(tokenUrl), claims.getAudience());
    long lifetime = claims.getExpirationTime().toInstant().getEpochSecond() - clock.instant().getEpochSecond();
    assertTrue(lifetime > 0 && lifetime <= 300, "exp within five minutes: " + lifetime);
    assertFalse(claims.getJWTID().isBlank());
  }

  @Test
  void cachedTokenAvoidsASecondRequestUntilShortlyBeforeExpiry() throws IOException {
    String tokenUrl = base + "/auth/token";
    client(tokenUrl, null, new ArrayList<>()).accessToken();
    List<String> log = new ArrayList<>();
    assertEquals(TOKEN, client(tokenUrl, null, log).accessToken()); // a new run: from the file
    assertEquals(1, tokenRequests.size());
    assertTrue(log.get(0).contains("cached"), log::toString);

    Path dir = config.resolve("tokens");
    try (var files = Files.list(dir)) {
      Path file = files.findFirst().orElseThrow();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertFalse(file.getFileName().toString().contains("cds-cli-client"), "the name is a hash");
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));

    clock.now = clock.now.plusSeconds(300 - 29);
    client(tokenUrl, null, new ArrayList<>()).accessToken();
    assertEquals(2, tokenRequests.size(), "a token in its last half minute is not reused");
  }

  @Test
  void otherScopeOrKeyIsAnotherCacheEntry() {
    String tokenUrl = base + "/auth/token";
    client(tokenUrl, null, new ArrayList<>()).accessToken();
    new SmartBackendServices(KEY,
        new SmartBackendServices.Settings(tokenUrl, null, "cds-cli-client", "system/Patient.rs", null, null),
        new UrlConnectionTransport(TlsSettings.defaults()), clock, config.resolve("tokens"), Duration.ofSeconds(5), s -> { })
        .accessToken();
    new SmartBackendServices(SigningKey.generate("RS384"),
        new SmartBackendServices.Settings(tokenUrl, null, "cds-cli-client", "system/*.rs", null, null),
        new UrlConnectionTransport(TlsSettings.defaults()), clock, config.resolve("tokens"), Duration.ofSeconds(5), s -> { })
        .accessToken();
    assertEquals(3, tokenRequests.size());
  }

  @Test
  void discoversTheTokenEndpoint() {
    assertEquals(TOKEN, client(null, base + "/fhir/", new ArrayList<>()).accessToken());
    assertEquals(1, tokenRequests.size());
  }

  @Test
  void oauthErrorIsAServiceFailureWithTheServersWords() {
    tokenStatus = 401; // RFC 6749 allows 401 for invalid_client; the JDK must still hand over the body
    tokenAnswer = "{\"error\":\"invalid_client\",\"error_description\":\"no JWK Set registered for cds-cli-client\"}";
    CdsException e = assertThrows(CdsException.class, () -> client(base + "/auth/token", null, new ArrayList<>()).accessToken());
    assertEquals(ExitCode.SERVICE, e.exitCode());
    assertTrue(e.getMessage().contains("invalid_client (no JWK Set registered for cds-cli-client)"), e::getMessage);
    assertTrue(e.getMessage().contains("check the SMART client id"), e::getMessage);
    assertTrue(e.message(setting -> "<" + setting + ">").contains("check <CLIENT_ID>"), e::getMessage);
  }

  @Test
  void nonOauthFailuresAreServiceFailures() {
    tokenStatus = 502;
    tokenAnswer = "<html>bad gateway</html>";
    CdsException e = assertThrows(CdsException.class, () -> client(base + "/auth/token", null, new ArrayList<>()).accessToken());
    assertEquals(ExitCode.SERVICE, e.exitCode());
    assertTrue(e.getMessage().contains("HTTP 502"), e::getMessage);
    CdsException missing = assertThrows(CdsException.class, () -> client(null, base + "/nothing", new ArrayList<>()).accessToken());
    assertEquals(ExitCode.SERVICE, missing.exitCode());
    assertTrue(missing.getMessage().contains("smart-configuration"), missing::getMessage);
  }

  @Test
  void logLinesNeverHoldTheTokenOrTheAssertion() {
    List<String> log = new ArrayList<>();
    client(base + "/auth/token", null, log).accessToken();
    assertFalse(log.isEmpty());
    String all = String.join("\n", log);
    assertFalse(all.contains(TOKEN), all);
    assertFalse(all.contains(tokenRequests.get(0).get("client_assertion")), all);
  }

  private static Map<String, String> form(HttpExchange ex) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    out.put("content-type", ex.getRequestHeaders().getFirst("Content-Type"));
    return out;
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
