package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import dev.cds.serve.ServiceDefinitions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cds call} signing with a generated key against {@code cds serve --jwks}: success and every 401. */
class AuthEndToEndTest {
  static final String ISS = "https://ehr.example";

  @TempDir Path tmp;
  final StringWriter serverLog = new StringWriter();
  CdsServer server;
  String base;
  Path key;

  @BeforeEach
  void start() {
    Path keys = tmp.resolve("keys");
    assertEquals(0, cli().run("keys", "generate", "--out", keys.toString()).code());
    key = keys.resolve("private-key.pem");
    server = new CdsServer(ServiceDefinitions.load(Path.of("examples/services")), new PrintWriter(serverLog, true),
        Clock.systemUTC());
    server.gate(JwtGate.of(keys.resolve("jwks.json").toString(), ISS, Clock.systemUTC(), new PrintWriter(serverLog, true)));
    server.start("127.0.0.1", 0, 2);
    base = server.baseUrl();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Cli.Result call(Cli cli, String... auth) {
    String[] args = new String[] {"call", "patient-view", "--base", base, "--set", "context.patientId=123",
        "--output", "json"};
    String[] all = java.util.Arrays.copyOf(args, args.length + auth.length);
    System.arraycopy(auth, 0, all, args.length, auth.length);
    return cli.configDir(tmp).run(all);
  }

  @Test
  void signedCallsAndDiscoveryPass() {
    Cli.Result r = call(cli(), "--key", key.toString(), "--iss", ISS);
    assertEquals(0, r.code(), r + "\nserver:\n" + serverLog);
    assertTrue(r.out().contains("\"cards\""), r::toString);
    Cli.Result d = cli().configDir(tmp).run("discover", base, "--key", key.toString(), "--iss", ISS, "--alg", "ES384");
    assertEquals(0, d.code(), d + "\nserver:\n" + serverLog);
    assertFalse(serverLog.toString().contains("rejected"), serverLog::toString);
  }

  @Test
  void unsignedCallIsRefused() {
    Cli.Result r = call(cli());
    assertEquals(4, r.code(), r::toString);
    assertTrue(serverLog.toString().contains("no Authorization header"), serverLog::toString);
  }

  @Test
  void wrongIssuerIsRefused() {
    assertEquals(4, call(cli(), "--key", key.toString(), "--iss", "https://other.example").code());
    assertTrue(serverLog.toString().contains("is not the allowed issuer"), serverLog::toString);
  }

  @Test
  void unknownKeyIsRefused() {
    Path other = tmp.resolve("other");
    cli().run("keys", "generate", "--alg", "RS384", "--out", other.toString());
    assertEquals(4, call(cli(), "--key", other.resolve("private-key.pem").toString(), "--iss", ISS).code());
    assertTrue(serverLog.toString().contains("unknown kid"), serverLog::toString);
  }

  @Test
  void badSignatureIsRefused() {
    Path other = tmp.resolve("other");
    cli().run("keys", "generate", "--out", other.toString());
    String trustedKid = cli().run("keys", "jwks", key.toString()).out()
        .replaceAll("(?s).*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1").strip();
    assertEquals(4, call(cli(), "--key", other.resolve("private-key.pem").toString(), "--iss", ISS,
        "--kid", trustedKid).code());
    assertTrue(serverLog.toString().contains("bad signature"), serverLog::toString);
  }

  @Test
  void expiredTokenIsRefused() {
    Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
    assertEquals(4, call(cli().clock(tenMinutesAgo), "--key", key.toString(), "--iss", ISS).code());
    assertTrue(serverLog.toString().contains("expired at"), serverLog::toString);
  }

  @Test
  void tokenForAnotherUrlReplayAndHmacAreRefusedWithoutDetail() throws Exception {
    String url = base + "/cds-services";
    String forDiscovery = sign(url);
    assertEquals(200, get(url, forDiscovery));
    assertEquals(401, get(url, forDiscovery), "replayed jti");
    assertTrue(serverLog.toString().contains("already used"), serverLog::toString);

    assertEquals(401, get(url, sign(base + "/cds-services/patient-view-reminders")));
    assertTrue(serverLog.toString().contains("is not the URL called"), serverLog::toString);

    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS384).keyID("any").build(),
        new JWTClaimsSet.Builder().issuer(ISS).audience(url).jwtID("j1").issueTime(new Date())
            .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
    hmac.sign(new MACSigner(new byte[48]));
    HttpURLConnection conn = (HttpURLConnection) URI.create(url).toURL().openConnection();
    conn.setRequestProperty("Authorization", "Bearer " + hmac.serialize());
    assertEquals(401, conn.getResponseCode());
    assertEquals("Bearer", conn.getHeaderField("WWW-Authenticate"));
    String body = new String(conn.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(body.contains("\"OperationOutcome\"") && !body.contains("HS384"), "an OperationOutcome without detail: " + body);
    assertTrue(serverLog.toString().contains("alg HS384 is not allowed"), serverLog::toString);
  }

  @Test
  void verboseOutputNeverShowsTheTokenOrTheKey() throws IOException {
    Cli.Result r = call(cli(), "-v", "--key", key.toString(), "--iss", ISS);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("Authorization: Bearer [redacted]"), r::toString);
    assertFalse(r.err().contains("eyJ"), "no JWT on stderr:\n" + r.err());
    for (String line : Files.readString(key).split("\n")) {
      if (!line.startsWith("-----")) {
        assertFalse(r.err().contains(line) || r.out().contains(line), "key material printed");
      }
    }
  }

  @Test
  void jwksFromAUrl() throws Exception {
    byte[] jwks = Files.readAllBytes(key.resolveSibling("jwks.json"));
    com.sun.net.httpserver.HttpServer publisher =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    publisher.createContext("/.well-known/jwks.json", ex -> {
      ex.sendResponseHeaders(200, jwks.length);
      ex.getResponseBody().write(jwks);
      ex.close();
    });
    publisher.start();
    CdsServer second = TestServices.unstarted();
    try {
      second.gate(JwtGate.of("http://127.0.0.1:" + publisher.getAddress().getPort() + "/.well-known/jwks.json",
          null, Clock.systemUTC(), new PrintWriter(serverLog, true)));
      second.start("127.0.0.1", 0, 2);
      Cli.Result r = cli().configDir(tmp).run("discover", second.baseUrl(), "--key", key.toString(), "--iss", "anyone");
      assertEquals(0, r.code(), r::toString);
      assertEquals(4, cli().configDir(tmp).run("discover", second.baseUrl()).code());
    } finally {
      second.close();
      publisher.stop(0);
    }
  }

  private String sign(String aud) {
    Cli.Result r = cli().run("jwt", "sign", "--key", key.toString(), "--iss", ISS, "--aud", aud);
    assertEquals(0, r.code(), r::toString);
    return r.out().strip();
  }

  private static int get(String url, String token) throws IOException {
    HttpURLConnection conn = (HttpURLConnection) URI.create(url).toURL().openConnection();
    conn.setRequestProperty("Authorization", "Bearer " + token);
    return conn.getResponseCode();
  }
}
