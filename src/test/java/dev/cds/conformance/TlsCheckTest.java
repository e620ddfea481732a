package dev.cds.conformance;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.cli.Cli;
import dev.cds.core.Json;
import dev.cds.testing.SelfSignedHttps;
import java.nio.file.Path;
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
  static SelfSignedHttps good;
  static SelfSignedHttps otherName;

  @BeforeAll
  static void start() throws Exception {
    good = SelfSignedHttps.start(dir, "good", "san=ip:127.0.0.1,dns:localhost");
    otherName = SelfSignedHttps.start(dir, "other", "san=dns:other.example");
  }

  @AfterAll
  static void stop() {
    good.close();
    otherName.close();
  }

  private static JsonNode tlsCheck(SelfSignedHttps server, String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "test";
    args[1] = server.base();
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
    JsonNode check = tlsCheck(good, "--cacert", good.certificate().toString());
    assertEquals("pass", check.path("result").asText(), check::toString);
    JsonNode alsoInsecure = tlsCheck(good, "--cacert", good.certificate().toString(), "--insecure");
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
    JsonNode check = tlsCheck(otherName, "--cacert", otherName.certificate().toString(), "--insecure");
    assertEquals("fail", check.path("result").asText(), check::toString);
    Cli.Result verified = cli().configDir(dir).run("test", otherName.base(),
        "--cacert", otherName.certificate().toString());
    assertEquals(4, verified.code(), "verified, the run cannot reach it at all: " + verified);
  }
}
