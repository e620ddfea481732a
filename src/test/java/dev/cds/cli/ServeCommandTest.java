package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cds serve}'s options that fail before it serves, and its warnings about a JWK Set. */
class ServeCommandTest {
  @TempDir Path tmp;

  private static void assertUsage(String message, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "serve";
    args[1] = "--port";
    args[2] = "0";
    System.arraycopy(options, 0, args, 3, options.length);
    Cli.Result r = cli().run(args);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(message), r::toString);
  }

  @Test
  void limitsAndPublicUrlAreChecked() {
    assertUsage("size '0' is out of range", "--max-request-size", "0");
    assertUsage("--max-request-size 2GB is out of range", "--max-request-size", "2GB");
    assertUsage("invalid size 'lots'", "--max-request-size", "lots");
    assertUsage("--read-timeout 500ms is too short", "--read-timeout", "500ms");
    assertUsage("--public-url takes the base URL clients call", "--public-url", "ftp://cds.example.org");
    assertUsage("--public-url takes the base URL clients call", "--public-url", "https://user:pw@cds.example.org");
    assertUsage("--public-url takes the base URL clients call", "--public-url", "/cds");
  }

  @Test
  void aJwkSetWithPrivateOrOnlySymmetricKeysIsWarnedAbout() throws Exception {
    Path keys = tmp.resolve("keys");
    assertEquals(0, cli().run("keys", "generate", "--out", keys.toString()).code());
    // the key with its private member d, as a careless export would publish it
    SigningKey key = KeyFiles.load(keys.resolve("private-key.pem"));
    ECKey withPrivate = new ECKey.Builder(Curve.P_384, (ECPublicKey) key.publicKey()).keyID("k1")
        .privateKey((ECPrivateKey) key.privateKey()).build();
    Path privateJwk = Files.writeString(tmp.resolve("private.json"), new JWKSet(withPrivate).toString(false));
    StringWriter err = new StringWriter();
    JwtGate.of(privateJwk.toString(), null, Clock.systemUTC(), new PrintWriter(err, true));
    assertTrue(err.toString().contains("cds: warning: --jwks " + privateJwk + " holds private key material (kid 'k1')"),
        err::toString);

    Path symmetric = Files.writeString(tmp.resolve("oct.json"),
        "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC1zZWNyZXQ\"}]}");
    StringWriter err2 = new StringWriter();
    JwtGate.of(symmetric.toString(), null, Clock.systemUTC(), new PrintWriter(err2, true));
    assertTrue(err2.toString().contains("holds only symmetric (oct) keys"), err2::toString);

    StringWriter quiet = new StringWriter();
    JwtGate.of(keys.resolve("jwks.json").toString(), null, Clock.systemUTC(), new PrintWriter(quiet, true));
    assertEquals("", quiet.toString(), "a public set gets no warning");
  }
}
