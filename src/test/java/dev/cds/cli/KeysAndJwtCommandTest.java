package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.auth.TestKeys;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysAndJwtCommandTest {
  static final String AUD = "https://cds.example.org/cds-services/order-dispatch-crd";

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"ES384", "RS384"})
  void generateWritesAPrivateKeyAndItsPublicJwks(String alg) throws Exception {
    Cli.Result r = cli().run("keys", "generate", "--alg", alg, "--out", tmp.toString());
    assertEquals(0, r.code(), r::toString);
    Path key = tmp.resolve("private-key.pem");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("jwks.json"))));
    JsonNode jwk = Json.parse(Files.readString(tmp.resolve("jwks.json")), "jwks").path("keys").get(0);
    assertEquals(alg, jwk.path("alg").asText());
    assertEquals("sig", jwk.path("use").asText());
    assertEquals(alg.equals("ES384") ? "EC" : "RSA", jwk.path("kty").asText());
    if (alg.equals("ES384")) {
      assertEquals("P-384", jwk.path("crv").asText());
      assertTrue(jwk.has("x") && jwk.has("y"));
    } else {
      assertTrue(jwk.has("n") && jwk.has("e"));
    }
    for (String secret : new String[] {"d", "p", "q", "dp", "dq", "qi"}) {
      assertFalse(jwk.has(secret), secret);
    }
    assertFalse(r.out().contains("PRIVATE"), r::toString);
    assertFalse(r.err().contains(Files.readString(key).split("\n")[1]), "no key material on stderr");
    // jwks of the written key gives the same kid (the thumbprint)
    Cli.Result again = cli().run("keys", "jwks", key.toString());
    assertEquals(jwk.path("kid").asText(), Json.parse(again.out(), "out").path("keys").get(0).path("kid").asText());
  }

  @Test
  void generateRefusesToOverwriteWithoutForce() throws Exception {
    assertEquals(0, cli().run("keys", "generate", "--out", tmp.toString()).code());
    String before = Files.readString(tmp.resolve("private-key.pem"));
    Cli.Result refused = cli().run("keys", "generate", "--out", tmp.toString());
    assertEquals(2, refused.code(), refused::toString);
    assertTrue(refused.err().contains("--force"), refused::toString);
    assertEquals(before, Files.readString(tmp.resolve("private-key.pem")));
    Cli.Result forced = cli().run("keys", "generate", "--out", tmp.toString(), "--force", "--kid", "ehr-2025");
    assertEquals(0, forced.code(), forced::toString);
    assertFalse(before.equals(Files.readString(tmp.resolve("private-key.pem"))));
    assertTrue(Files.readString(tmp.resolve("jwks.json")).contains("\"kid\" : \"ehr-2025\"")
        || Files.readString(tmp.resolve("jwks.json")).contains("\"kid\": \"ehr-2025\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-pkcs8.pem", "ec-sec1.pem", "rsa-pkcs1.pem", "rsa-pkcs8.pem"})
  void jwksOfEveryFormatHasNoPrivateMembers(String file) {
    Cli.Result r = cli().run("keys", "jwks", TestKeys.file(file).toString());
    assertEquals(0, r.code(), r::toString);
    JsonNode key = Json.parse(r.out(), "out").path("keys").get(0);
    assertFalse(key.has("d"), r.out());
    assertTrue(key.has("kid"));
  }

  @Test
  void aFileThatIsNotAKeyExits3() {
    Cli.Result r = cli().run("keys", "jwks", TestKeys.file("README.txt").toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("README.txt") && r.err().contains("PKCS#8"), r::toString);
    assertEquals(3, cli().run("jwt", "sign", "--key", TestKeys.file("ec-public.pem").toString(),
        "--iss", "ehr", "--aud", AUD).code());
  }

  @Test
  void signThenDecodeAndVerify() throws Exception {
    Path key = TestKeys.file("ec-pkcs8.pem");
    Path jwks = tmp.resolve("jwks.json");
    Files.writeString(jwks, cli().run("keys", "jwks", key.toString()).out());
    Clock fixed = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    Cli.Result signed = cli().clock(fixed).run("jwt", "sign", "--key", key.toString(), "--iss", "https://ehr.example",
        "--aud", AUD, "--tenant", "t1", "--ttl", "2m");
    assertEquals(0, signed.code(), signed::toString);
    String token = signed.out().strip();

    Cli.Result decoded = cli().clock(fixed).terminal().run("jwt", "decode", token, "--jwks", jwks.toString());
    assertEquals(0, decoded.code(), decoded::toString);
    assertTrue(decoded.out().contains("\"aud\" : \"" + AUD + "\"") || decoded.out().contains("\"aud\": \"" + AUD + "\""), decoded::toString);
    assertTrue(decoded.out().contains("expiry: expires in 2m (2025-03-01T10:02:00Z)"), decoded::toString);
    assertTrue(decoded.out().contains("signature: valid"), decoded::toString);
    assertFalse(decoded.out().contains(token.split("\\.")[2]), "the signature is not echoed");

    Cli.Result later = cli().clock(Clock.offset(fixed, java.time.Duration.ofMinutes(5))).stdin("Bearer " + token + "\n")
        .run("jwt", "decode", "-");
    JsonNode json = Json.parse(later.out(), "out");
    assertEquals("expired 3m ago (2025-03-01T10:02:00Z)", json.path("expiry").asText());
    assertEquals("unchecked", json.path("signature").asText());
    assertEquals("t1", json.path("claims").path("tenant").asText());

    Path otherJwks = tmp.resolve("other.json");
    String kid = Json.parse(Files.readString(jwks), "jwks").path("keys").get(0).path("kid").asText();
    // another key published under the signing key's kid
    Files.writeString(otherJwks, cli().run("keys", "jwks", TestKeys.file("ec-sec1-with-params.pem").toString(),
        "--kid", kid).out());
    Cli.Result bad = cli().run("jwt", "decode", token, "--jwks", otherJwks.toString(), "--output", "json");
    assertEquals(1, bad.code(), bad::toString);
    assertEquals("invalid", Json.parse(bad.out(), "out").path("signature").asText());
    assertTrue(bad.err().contains("bad signature"), bad::toString);
  }

  @Test
  void decodeRejectsWhatIsNotAJwt() {
    Cli.Result r = cli().run("jwt", "decode", "abc.def");
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("not a JWT"), r::toString);
  }

  @Test
  void signChecksItsOptions() {
    String key = TestKeys.file("ec-pkcs8.pem").toString();
    assertEquals(2, cli().run("jwt", "sign", "--key", key, "--iss", "ehr", "--aud", AUD, "--ttl", "10m").code());
    assertEquals(2, cli().run("jwt", "sign", "--key", key, "--iss", "ehr", "--aud", "order-sign").code());
    assertEquals(2, cli().run("jwt", "sign", "--key", key, "--aud", AUD).code());
    assertEquals(2, cli().run("keys").code());
    assertEquals(2, cli().run("jwt").code());
  }
}
