package dev.cds.client;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.cli.Cli;
import dev.cds.testing.SelfSignedHttps;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is verified unless the user says --insecure; --cacert trusts a private CA. Real HTTPS on loopback. */
class TlsTest {
  @TempDir static Path dir;
  static SelfSignedHttps server;

  @BeforeAll
  static void start() throws Exception {
    server = SelfSignedHttps.start(dir, "localhost", "san=ip:127.0.0.1,dns:localhost");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void untrustedCertificateFailsWithAHint() {
    Cli.Result r = cli().run("discover", server.base());
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.err().contains("TLS failure") && r.err().contains("--cacert"), r.err());
  }

  @Test
  void cacertTrustsThePrivateCa() {
    Cli.Result r = cli().run("discover", server.base(), "--cacert", server.certificate().toString());
    assertEquals(0, r.code(), r::toString);
  }

  @Test
  void insecureSkipsVerificationAndWarns() {
    Cli.Result r = cli().run("discover", server.base(), "--insecure");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("NOT verified"), r.err());
  }

  @Test
  void cacertThatIsNotACertificateIsBadInput() throws Exception {
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "hello");
    assertEquals(3, cli().run("discover", server.base(), "--cacert", junk.toString()).code());
  }
}
