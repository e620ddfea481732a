package dev.cds.serve;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.cli.Cli;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cds serve} over https: a made certificate with its CA file, or the user's own PEM files. */
class ServeTlsTest {
  @TempDir Path tmp;

  @Test
  void selfSignedServesHttpsTrustedThroughTheCaFileOnly() throws Exception {
    try (ServeProcess serve = ServeProcess.start(tmp, "--tls", "self-signed")) {
      String url = serve.url();
      assertTrue(url.matches("https://127\\.0\\.0\\.1:\\d+"), "the first stdout line is the https URL: " + url);
      Path ca = tmp.resolve("cds").resolve("serve-ca.pem");
      assertTrue(serve.stderr().contains("--cacert " + ca), serve.stderr());
      assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"));

      Cli.Result trusted = cli().run("discover", url, "--cacert", ca.toString());
      assertEquals(0, trusted.code(), trusted::toString);
      assertTrue(trusted.out().contains("patient-view-reminders"), trusted::toString);
      String localhost = url.replace("127.0.0.1", "localhost");
      assertEquals(0, cli().run("discover", localhost, "--cacert", ca.toString()).code(), "localhost is covered too");

      Cli.Result untrusted = cli().run("discover", url);
      assertEquals(4, untrusted.code(), untrusted::toString);
      assertTrue(untrusted.err().contains("TLS"), untrusted::toString);
    }
  }

  @Test
  void ownCertificateAndKeyInEveryPemForm() throws Exception {
    // OpenSSL's own files (see keys/README.txt): SEC1 with and without the public point, PKCS#1, PKCS#8
    for (String name : new String[] {"ec-sec1.pem", "ec-sec1-no-public.pem", "ec-pkcs8.pem", "rsa-pkcs1.pem", "rsa-pkcs8.pem"}) {
      Path key = dev.cds.auth.TestKeys.file(name); // mode 0600: cds refuses a key others can read
      SigningKey pair = KeyFiles.load(key);
      Path cert = pem(tmp.resolve(name + ".crt"), certificate(pair.privateKey(), pair.publicKey(), "127.0.0.1"));
      Path both = Files.writeString(tmp.resolve(name + ".both"), Files.readString(cert) + Files.readString(key));
      for (Path[] files : new Path[][] {{cert, key}, {both, both}}) {
        try (CdsServer server = TestServices.unstarted().tls(TlsContexts.load().fromPem(files[0], files[1]))) {
          String url = server.start("127.0.0.1", 0, 2).baseUrl();
          assertTrue(url.startsWith("https://"), url);
          Cli.Result r = cli().run("discover", url, "--cacert", cert.toString());
          assertEquals(0, r.code(), name + ": " + r);
        }
      }
    }
  }

  @Test
  void badTlsOptionsAndFilesFailBeforeServing() throws Exception {
    KeyPair keys = ecKeys();
    Path cert = pem(tmp.resolve("cert.pem"), certificate(keys.getPrivate(), keys.getPublic(), "127.0.0.1"));
    Path otherKey = Path.of("src/test/resources/keys/ec-pkcs8.pem").toAbsolutePath();
    Path encrypted = Path.of("src/test/resources/keys/ec-encrypted.pem").toAbsolutePath();
    String c = cert.toString();
    assertFails(2, "--tls takes 'self-signed'", "--tls", "yes");
    assertFails(2, "go together", "--tls-cert", c);
    assertFails(2, "makes its own certificate", "--tls", "self-signed", "--tls-key", c);
    assertFails(3, "is not the key of the certificate", "--tls-cert", c, "--tls-key", otherKey.toString());
    assertFails(3, "is encrypted: decrypt it first", "--tls-cert", c, "--tls-key", encrypted.toString());
    assertFails(3, "holds no private key", "--tls-cert", c, "--tls-key", c);
    assertFails(3, "holds no certificate", "--tls-cert", otherKey.toString(), "--tls-key", otherKey.toString());
    assertFails(3, "no such file", "--tls-cert", tmp.resolve("nope.pem").toString(), "--tls-key", c);
  }

  private void assertFails(int code, String message, String... tlsArgs) {
    String[] args = new String[tlsArgs.length + 3];
    args[0] = "serve";
    args[1] = "--port";
    args[2] = "0";
    System.arraycopy(tlsArgs, 0, args, 3, tlsArgs.length);
    Cli.Result r = cli().configDir(tmp).run(args);
    assertEquals(code, r.code(), r::toString);
    assertTrue(r.err().contains(message) && !r.err().contains("\tat "), r::toString);
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(PrivateKey key, PublicKey publicKey, String ip) throws Exception {
    X500Name name = new X500Name("CN=" + ip);
    Instant now = Clock.systemUTC().instant();
    String signature = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, publicKey)
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)))
        .build(new JcaContentSignerBuilder(signature).build(key)));
  }

  private static Path pem(Path file, Object object) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return Files.writeString(file, text.toString());
  }
}
