package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets off the command line, keys kept private, and URLs that must not receive credentials. */
class SecretOptionsTest {
  static final String WARNING = "--fhir-token shows the token to every user";

  @TempDir Path tmp;
  private HttpServer server;
  private String base;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", ex -> reply(ex, "{\"services\": [{\"hook\": \"patient-view\", \"id\": \"pv\","
        + " \"description\": \"d\", \"prefetch\": {\"patient\": \"Patient/{{context.patientId}}\"}}]}"));
    server.createContext("/fhir", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      reply(ex, "{\"resourceType\": \"Patient\", \"id\": \"p1\"}");
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    Files.writeString(tmp.resolve("ctx.json"), "{\"userId\": \"Practitioner/1\", \"patientId\": \"p1\"}");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private Cli.Result prefetch(Cli cli, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("prefetch", "pv", "--base", base,
        "--context", tmp.resolve("ctx.json").toString(), "--fhir-server", base + "/fhir", "--output", "json"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void theFhirTokenComesFromAFileStdinOrTheEnvironmentWithoutAWarning() throws IOException {
    Path file = Files.writeString(tmp.resolve("token"), "tok-from-file\n");
    Cli.Result fromFile = prefetch(cli(), "--fhir-token-file", file.toString());
    Cli.Result fromStdin = prefetch(cli().stdin("tok-from-stdin\n"), "--fhir-token-file", "-");
    Cli.Result fromEnv = prefetch(cli().env("CDS_FHIR_TOKEN", "tok-from-env"));
    for (Cli.Result r : List.of(fromFile, fromStdin, fromEnv)) {
      assertEquals(0, r.code(), r.toString());
      assertFalse(r.err().contains("warning"), r.toString());
    }
    assertEquals(List.of("Bearer tok-from-file", "Bearer tok-from-stdin", "Bearer tok-from-env"), authorizations);
  }

  @Test
  void aTokenOnTheCommandLineWorksButWarnsAndOptionsWinOverTheEnvironment() {
    Cli.Result r = prefetch(cli().env("CDS_FHIR_TOKEN", "tok-from-env"), "--fhir-token", "tok-arg");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.err().contains(WARNING), r.toString());
    assertTrue(r.err().contains("--fhir-token-file"), r.toString());
    assertFalse(r.err().contains("tok-arg"), "the warning does not repeat the token");
    assertEquals(List.of("Bearer tok-arg"), authorizations);
  }

  @Test
  void tokenSourceMistakes() throws IOException {
    Path file = Files.writeString(tmp.resolve("token"), "t");
    Path empty = Files.writeString(tmp.resolve("empty"), "\n");
    assertEquals(2, prefetch(cli(), "--fhir-token", "a", "--fhir-token-file", file.toString()).code());
    Cli.Result blank = prefetch(cli(), "--fhir-token-file", empty.toString());
    assertEquals(3, blank.code(), blank.toString());
    assertTrue(blank.err().contains("is empty"), blank.toString());
    assertEquals(3, prefetch(cli(), "--fhir-token-file", tmp.resolve("missing").toString()).code());
    assertEquals(List.of(), authorizations, "nothing was fetched");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "FILE:/etc/passwd", "jar:file:/x.jar!/", "ftp://example.org/fhir", "fhir/relative"})
  void aFhirServerThatIsNotHttpIsAUsageError(String url) {
    Cli.Result r = cli().run("prefetch", "pv", "--base", base, "--context", tmp.resolve("ctx.json").toString(),
        "--fhir-server", url, "--fhir-token-file", "-");
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.toString());
    assertTrue(r.err().contains("--fhir-server must be the http(s) base URL"), r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/token", "jar:file:/x.jar!/t", "token", "/auth/token"})
  void aTokenUrlThatIsNotHttpIsAUsageErrorBeforeAnythingIsSent(String url) throws IOException {
    Path key = Files.writeString(tmp.resolve("key.pem"), KeyFiles.pkcs8Pem(SigningKey.generate("ES384")));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Cli.Result r = cli().configDir(tmp).run("discover", base, "--key", key.toString(), "--client-id", "c",
        "--scope", "system/*.rs", "--smart-token-url", url);
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.toString());
    Cli.Result discovery = cli().configDir(tmp).run("discover", base, "--key", key.toString(), "--client-id", "c",
        "--scope", "system/*.rs", "--smart-discovery", url);
    assertEquals(2, discovery.code(), discovery.toString());
  }

  @Test
  void keysGenerateMakesItsFolderOwnerOnly() throws IOException {
    Path out = tmp.resolve("new").resolve("keys");
    Cli.Result r = cli().run("keys", "generate", "--out", out.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("private-key.pem"))));
  }

  @Test
  void aReadableKeyIsRefusedEverywhereWithTheFix() throws IOException {
    assertEquals(0, cli().run("keys", "generate", "--out", tmp.toString()).code());
    Path key = tmp.resolve("private-key.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    for (String[] args : List.of(new String[] {"keys", "jwks", key.toString()},
        new String[] {"jwt", "sign", "--key", key.toString(), "--iss", "i", "--aud", "https://x.example/cds-services/a"},
        new String[] {"discover", base, "--key", key.toString(), "--iss", "i"})) {
      Cli.Result r = cli().run(args);
      assertEquals(3, r.code(), r.toString());
      assertTrue(r.err().contains("run chmod 600 " + key), r.toString());
      assertEquals(1, r.err().strip().lines().count(), r.toString());
    }
  }

  @Test
  void keysJwksRefusesAPairThatDoesNotMatch() throws IOException {
    SigningKey a = SigningKey.generate("ES384");
    Path key = Files.writeString(tmp.resolve("swapped.pem"),
        KeyFiles.pkcs8Pem(new SigningKey(a.privateKey(), SigningKey.generate("ES384").publicKey(), null)));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Cli.Result r = cli().run("keys", "jwks", key.toString());
    assertEquals(3, r.code(), r.toString());
    assertEquals("", r.out());
    assertTrue(r.err().contains("does not match its private key"), r.toString());
  }

  @Test
  void aNullJwkSetIsOneLineExit3() throws IOException {
    Path jwks = Files.writeString(tmp.resolve("jwks.json"), "null");
    Cli.Result r = cli().run("jwt", "decode", "eyJhbGciOiJFUzM4NCJ9.eyJpc3MiOiJ4In0.c2ln", "--jwks", jwks.toString());
    assertEquals(3, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.toString());
    assertTrue(r.err().contains("is not a JWK Set"), r.toString());
  }

  @Test
  void maxPrefetchBoundsTheReads() {
    Cli.Result none = prefetch(cli(), "--max-prefetch", "0");
    assertEquals(2, none.code(), none.toString());
    Cli.Result one = prefetch(cli(), "--max-prefetch", "1");
    assertEquals(0, one.code(), one.toString());
    assertEquals(1, authorizations.size());
  }

  @Test
  void aTokenFromTheProfileIsNotWarnedAboutAndTheEnvironmentWinsOverIt() throws IOException {
    Path config = Files.writeString(tmp.resolve("config"), "[default]\nfhir-token = tok-from-profile\n");
    Cli.Result r = prefetch(cli().env("CDS_CONFIG", config.toString()));
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.err().contains("warning"), r.toString());
    Cli.Result env = prefetch(cli().env("CDS_CONFIG", config.toString()).env("CDS_FHIR_TOKEN", "tok-from-env"));
    assertEquals(0, env.code(), env.toString());
    Path file = Files.writeString(tmp.resolve("token"), "tok-from-file");
    Cli.Result typedFile = prefetch(cli().env("CDS_CONFIG", config.toString()), "--fhir-token-file", file.toString());
    assertEquals(0, typedFile.code(), typedFile.toString());
    assertEquals(List.of("Bearer tok-from-profile", "Bearer tok-from-env", "Bearer tok-from-file"), authorizations);
  }
}
