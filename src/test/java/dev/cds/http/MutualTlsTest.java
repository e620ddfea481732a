package dev.cds.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS against a real HTTPS server that demands a client certificate (keys made by the JDK's keytool). */
class MutualTlsTest {
  @TempDir static Path dir;
  private static HttpsServer server;
  private static SSLContext context;

  @BeforeAll
  static void start() throws Exception {
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", "server.p12", "-storepass", "changeit",
        "-storetype", "PKCS12");
    keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=cds-client",
        "-validity", "2", "-keystore", "client.p12", "-storepass", "changeit", "-storetype", "PKCS12");
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", "server.p12", "-storepass", "changeit",
        "-file", "server.pem");
    keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", "client.p12", "-storepass", "changeit",
        "-file", "client.pem");

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("client.pem"))) {
      trusted.setCertificateEntry("client", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    server = serve();
  }

  /** A fresh server (port) per use: the JDK keeps TLS connections alive per host and port. */
  private static HttpsServer serve() throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        javax.net.ssl.SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
        ssl.setNeedClientAuth(true);
        params.setSSLParameters(ssl);
      }
    });
    server.createContext("/", ex -> {
      byte[] body = "{\"services\":[]}".getBytes();
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }

  private static HttpResult get(TlsSettings tls) throws Exception {
    return get(server, tls);
  }

  private static HttpResult get(HttpsServer server, TlsSettings tls) throws Exception {
    URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/cds-services");
    return new UrlConnectionTransport(tls).send(HttpCall.get(uri, Duration.ofSeconds(5)));
  }

  @Test
  void aPkcs12ClientCertificateIsPresented() throws Exception {
    TlsSettings tls = new TlsSettings(dir.resolve("server.pem"), false,
        new ClientCertificate(dir.resolve("client.p12"), null, "changeit".toCharArray()));
    assertEquals(200, get(tls).status());
  }

  @Test
  void withoutTheClientCertificateTheHandshakeFails() throws Exception {
    TlsSettings tls = new TlsSettings(dir.resolve("server.pem"), false);
    HttpsServer fresh = serve();
    Exception e;
    try {
      e = assertThrows(Exception.class, () -> get(fresh, tls));
    } finally {
      fresh.stop(0);
    }
    HttpFailure f = NetworkErrors.describe(e instanceof java.io.IOException io ? io : new java.io.IOException(e),
        "https://127.0.0.1", Duration.ofSeconds(5));
    assertTrue(f.kind() == HttpFailure.Kind.TLS || f.kind() == HttpFailure.Kind.CONNECTION, f.getMessage());
  }

  @Test
  void aPemCertificateNeedsAPkcs8Key() {
    ClientCertificate pem = new ClientCertificate(dir.resolve("client.pem"), dir.resolve("client.pem"), null);
    TlsSettings tls = new TlsSettings(dir.resolve("server.pem"), false, pem);
    dev.cds.core.CdsException e = assertThrows(dev.cds.core.CdsException.class, () -> get(tls));
    assertEquals(dev.cds.core.ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("not a PKCS#8 PEM private key"), e.getMessage());
  }
}
