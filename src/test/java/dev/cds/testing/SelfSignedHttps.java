package dev.cds.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Real HTTPS on loopback with a self-signed certificate made by the JDK's keytool, answering
 * discovery with no services: what the TLS tests of the client and of {@code cds test} connect to.
 */
public final class SelfSignedHttps implements AutoCloseable {
  private static final String PASSWORD = "changeit";

  private final HttpsServer server;
  private final Path certificate;

  private SelfSignedHttps(HttpsServer server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /**
   * Makes an EC key and a certificate for {@code CN=name} in {@code dir} ({@code name.p12},
   * {@code name.pem}) and serves with them.
   *
   * @param san the certificate's subject alternative names, as keytool's {@code -ext} takes them,
   *     e.g. {@code san=ip:127.0.0.1,dns:localhost}
   */
  public static SelfSignedHttps start(Path dir, String name, String san) throws IOException, GeneralSecurityException,
      InterruptedException {
    Path keystore = dir.resolve(name + ".p12");
    Path pem = dir.resolve(name + ".pem");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD,
        "-file", pem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
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
    return new SelfSignedHttps(server, pem);
  }

  public String base() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The server's certificate, PEM: what {@code --cacert} trusts. */
  public Path certificate() {
    return certificate;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
  }
}
