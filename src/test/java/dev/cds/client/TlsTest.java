package dev.cds.client;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cds.cli.Cli;
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

/** TLS is verified unless the user says --insecure; --cacert trusts a private CA. Real HTTPS on loopback. */
class TlsTest {
  @TempDir static Path dir;
  static HttpsServer server;
  static Path pem;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("server.p12");
    pem = dir.resolve("server.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit");
    run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", pem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
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
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  private static String base() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void untrustedCertificateFailsWithAHint() {
    Cli.Result r = cli().run("discover", base());
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.err().contains("TLS failure") && r.err().contains("--cacert"), r.err());
  }

  @Test
  void cacertTrustsThePrivateCa() {
    Cli.Result r = cli().run("discover", base(), "--cacert", pem.toString());
    assertEquals(0, r.code(), r::toString);
  }

  @Test
  void insecureSkipsVerificationAndWarns() {
    Cli.Result r = cli().run("discover", base(), "--insecure");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("NOT verified"), r.err());
  }

  @Test
  void cacertThatIsNotACertificateIsBadInput() throws Exception {
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "hello");
    assertEquals(3, cli().run("discover", base(), "--cacert", junk.toString()).code());
  }
}
