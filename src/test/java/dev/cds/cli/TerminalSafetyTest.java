package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile service writes escape sequences into every string cds prints: clear screen, colour,
 * window title, OSC 8 links, a DSR query, CR and backspace, C1 CSI and a bidi override. Not one
 * of them may reach the terminal raw; each shows up as a visible escape.
 */
class TerminalSafetyTest {
  /** Every trick at once; JSON-escaped so it can go into the server's bodies. */
  static final String EVIL = "\u001b[2J\u001b[32mINFO\u001b]0;title\u0007\u001b]8;;https://x\u001b\\\\a\u001b[6n\r\b\u009b31m\u202eevil\u007f";
  static final String EVIL_JSON = Json.compact(Json.NODES.textNode(EVIL));

  @TempDir Path tmp;
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", ex -> {
      String path = ex.getRequestURI().getPath();
      if (path.endsWith("/feedback")) {
        reply(ex, 200, "text/plain", "thanks " + EVIL + "\r\nsecond line");
      } else {
        reply(ex, 200, "application/json", "{\"services\": [{\"hook\": \"patient-view\", \"id\": \"pv\", \"description\": \"d\","
            + " \"prefetch\": {" + EVIL_JSON + ": \"Patient/{{context.patientId}}\", \"t\": " + Json.compact(
                Json.NODES.textNode("Observation/" + EVIL)) + ", \"bad\": " + Json.compact(Json.NODES.textNode("{{" + EVIL))
            + "}}]}");
      }
    });
    server.createContext("/fhir", ex -> reply(ex, 200, "application/fhir+json", "{\"resourceType\": \"Patient\", \"id\": \"p1\"}"));
    server.createContext("/token", ex -> reply(ex, 400, "application/json",
        "{\"error\": " + EVIL_JSON + ", \"error_description\": " + EVIL_JSON + "}"));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  /** Neither stream holds a control or bidi character other than the newlines cds writes itself. */
  static void assertTerminalSafe(Cli.Result r) {
    for (String stream : new String[] {r.out(), r.err()}) {
      int bad = stream.chars().filter(c -> Sanitizer.isUnsafe(c) && c != '\n').findFirst().orElse(-1);
      assertEquals(-1, bad, () -> String.format("raw U+%04X in output:%n%s", bad, r));
    }
  }

  @Test
  void prefetchReportShowsHostileKeysAndTemplatesAsEscapes() {
    Cli.Result r = cli().stdin("{\"userId\": \"Practitioner/1\", \"patientId\": \"p1\"}").run("prefetch", "pv",
        "--base", base, "--context", "-", "--fhir-server", base + "/fhir", "--output", "pretty");
    assertEquals(0, r.code(), r.toString());
    assertTerminalSafe(r);
    assertTrue(r.out().contains("\\e[2J\\e[32mINFO\\e]0;title\\a"), r.out());
    assertTrue(r.out().contains("\\u009b31m\\u202eevil\\u007f"), r.out());
  }

  @Test
  void tokenEndpointErrorAndDescriptionAreEscaped() throws Exception {
    Path key = tmp.resolve("key.pem");
    assertEquals(0, cli().run("keys", "generate", "--out", tmp.toString()).code());
    Files.move(tmp.resolve("private-key.pem"), key);
    Cli.Result r = cli().configDir(tmp).stdin("{\"userId\": \"Practitioner/1\", \"patientId\": \"p1\"}").run("prefetch", "pv",
        "--base", base, "--context", "-", "--key", key.toString(), "--client-id", "c", "--scope", "system/*.rs",
        "--smart-token-url", base + "/token", "--output", "pretty", "-v");
    assertEquals(4, r.code(), r.toString());
    assertTerminalSafe(r);
    assertTrue(r.err().contains("refused the request: \\e[2J"), r.err());
  }

  @Test
  void feedbackAnswerInTextIsEscapedLineByLine() {
    Cli.Result r = cli().run("feedback", "--base", base, "--service", "pv", "--card", "c", "--outcome", "overridden",
        "--output", "pretty");
    assertEquals(0, r.code(), r.toString());
    assertTerminalSafe(r);
    assertTrue(r.out().startsWith("thanks \\e[2J"), r.out());
    assertTrue(r.out().contains("\nsecond line"), r.out());
  }

  @Test
  void decodedTokenFieldsAndSignatureProblemsAreEscaped() throws Exception {
    ECKey jwk = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(EVIL).build(),
        new JWTClaimsSet.Builder().issuer(EVIL).subject("s").build());
    jwt.sign(new ECDSASigner(jwk));
    Path jwks = Files.writeString(tmp.resolve("jwks.json"), "{\"keys\": [" + jwk.toPublicJWK().toJSONString() + "]}");
    Cli.Result r = cli().run("jwt", "decode", jwt.serialize(), "--jwks", jwks.toString(), "--output", "pretty");
    assertEquals(1, r.code(), r.toString());
    assertTerminalSafe(r);
    assertTrue(r.out().contains("\"iss\": \"\\u001B[2J"), r.out());
    assertTrue(r.err().contains("unknown kid '\\e[2J"), r.err());
  }

  @Test
  void findingsQuotingTheDocumentAreEscaped() throws Exception {
    Path response = Files.writeString(tmp.resolve("response.json"), "{\"cards\": [{\"summary\": \"s\", \"indicator\": "
        + EVIL_JSON + ", \"source\": {\"label\": \"l\"}, " + EVIL_JSON + ": 1}]}");
    Cli.Result r = cli().run("validate", response.toString(), "--output", "pretty", "--no-fhir");
    assertEquals(1, r.code(), r.toString());
    assertTerminalSafe(r);
    assertTrue(r.out().contains("not '\\e[2J\\e[32mINFO"), r.out());
  }

  @Test
  void diffOfHostileCardsIsEscaped() throws Exception {
    Path a = Files.writeString(tmp.resolve("a.json"), "{\"cards\": [{\"summary\": " + EVIL_JSON
        + ", \"indicator\": \"info\", \"source\": {\"label\": " + EVIL_JSON + "}, \"detail\": \"x\"}]}");
    Path b = Files.writeString(tmp.resolve("b.json"), "{\"cards\": [{\"summary\": " + EVIL_JSON
        + ", \"indicator\": \"critical\", \"source\": {\"label\": " + EVIL_JSON + "}, \"detail\": " + EVIL_JSON + "}],"
        + " " + EVIL_JSON + ": true}");
    Cli.Result r = cli().run("diff", a.toString(), b.toString(), "--output", "pretty");
    assertEquals(1, r.code(), r.toString());
    assertTerminalSafe(r);
    assertTrue(r.out().contains("\\e[2J"), r.out());
  }

  @Test
  void jsonOutputKeepsTheValuesButEscapesEveryControl() {
    Cli.Result r = cli().stdin("{\"userId\": \"Practitioner/1\", \"patientId\": \"p1\"}").run("prefetch", "pv",
        "--base", base, "--context", "-", "--fhir-server", base + "/fhir", "--output", "json");
    assertEquals(0, r.code(), r.toString());
    assertTerminalSafe(r);
    assertEquals(EVIL, Json.parse(r.out(), "out").path("keys").get(0).path("key").asText());
  }

}
