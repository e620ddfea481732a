package dev.cds.conformance;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cds.cli.Cli;
import dev.cds.core.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS check against real HTTPS on loopback (keys by the JDK's keytool): a certificate the run
 * trusts for the host passes; one it cannot verify fails, even when the run itself was told not
 * to verify; one for another host name fails.
 */
class TlsCheckTest {
  @TempDir static Path dir;
  static HttpsServer good;
  static HttpsServer otherName;

  @BeforeAll
  static void start() throws Exception {
    good = server("good", "san=ip:127.0.0.1,dns:localhost");
    otherName = server("other", "san=dns:other.example");
  }

  @AfterAll
  static void stop() {
    good.stop(0);
    otherName.stop(0);
  }

  private static HttpsServer server(String name, String san) throws Exception {
    Path keystore = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit");
    run(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", dir.resolve(name + ".pem").toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/cds-services", ex -> {
      byte[] body = "{\"services\":[]}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  private static JsonNode tlsCheck(HttpsServer server, String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "test";
    args[1] = "https://127.0.0.1:" + server.getAddress().getPort();
    args[2] = "--repeat";
    args[3] = "0";
    args[4] = "--output=json";
    System.arraycopy(options, 0, args, 5, options.length);
    Cli.Result r = cli().configDir(dir).run(args);
    for (JsonNode c : Json.parse(r.out(), "report").path("checks")) {
      if (c.path("id").asText().equals("hooks:security-and-safety.tls")) {
        return c;
      }
    }
    throw new AssertionError("no TLS check in " + r);
  }

  @Test
  void aTrustedCertificateForTheHostPasses() {
    JsonNode check = tlsCheck(good, "--cacert", dir.resolve("good.pem").toString());
    assertEquals("pass", check.path("result").asText(), check::toString);
    JsonNode alsoInsecure = tlsCheck(good, "--cacert", dir.resolve("good.pem").toString(), "--insecure");
    assertEquals("pass", alsoInsecure.path("result").asText(), alsoInsecure::toString);
  }

  @Test
  void anUntrustedCertificateFailsEvenWhenTheRunDoesNotVerify() {
    JsonNode check = tlsCheck(good, "--insecure");
    assertEquals("fail", check.path("result").asText(), check::toString);
    assertTrue(check.path("reason").asText().contains("the handshake fails"), check::toString);
  }

  @Test
  void aCertificateForAnotherHostFails() {
    JsonNode check = tlsCheck(otherName, "--cacert", dir.resolve("other.pem").toString(), "--insecure");
    assertEquals("fail", check.path("result").asText(), check::toString);
    Cli.Result verified = cli().configDir(dir).run("test", "https://127.0.0.1:" + otherName.getAddress().getPort(),
        "--cacert", dir.resolve("other.pem").toString());
    assertEquals(4, verified.code(), "verified, the run cannot reach it at all: " + verified);
  }
}
