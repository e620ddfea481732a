package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cds keys rotate}: a new signing key, and a JWK Set with the new and previous public keys,
 * so a token signed just before the rotation still verifies against the newly published set; the
 * key from two rotations ago leaves the set. Real keys, real signatures ({@code cds jwt}).
 */
class KeyRotationTest {
  private static final String AUD = "https://cds.example.org/cds-services/order-sign-crd";

  @TempDir Path dir;

  private String sign() {
    Cli.Result r = cli().run("jwt", "sign", "--key", dir.resolve("private-key.pem").toString(),
        "--iss", "https://ehr.example.org", "--aud", AUD);
    assertEquals(0, r.code(), r::toString);
    return r.out().strip();
  }

  private int verify(String token) {
    return cli().run("jwt", "decode", token, "--jwks", dir.resolve("jwks.json").toString()).code();
  }

  private List<String> kids() throws Exception {
    JsonNode set = Json.parse(Files.readString(dir.resolve("jwks.json")), "jwks");
    return set.path("keys").findValuesAsText("kid");
  }

  @Test
  void oldAndNewTokensVerifyAfterARotationAndTheOldestKeyLeavesOnTheNext() throws Exception {
    Cli.Result generated = cli().run("keys", "generate", "--out", dir.toString());
    assertEquals(0, generated.code(), generated::toString);
    assertTrue(generated.err().contains("publish " + dir.resolve("jwks.json") + " at an https URL"), generated.err());
    assertTrue(generated.err().contains("--jku URL") && generated.err().contains("cds keys rotate"), generated.err());
    String first = Json.parse(generated.out(), "out").path("kid").asText();
    String before = sign();

    Cli.Result rotated = cli().run("keys", "rotate", "--out", dir.toString());
    assertEquals(0, rotated.code(), rotated::toString);
    JsonNode r = Json.parse(rotated.out(), "out");
    String second = r.path("kid").asText();
    assertEquals(first, r.path("previousKid").asText());
    assertEquals(List.of(second, first), kids());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(r.path("retiredKey").asText()))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private-key.pem"))));
    String after = sign();
    assertEquals(0, verify(before), "a token of the previous key still verifies");
    assertEquals(0, verify(after), "the new key's token verifies");

    Cli.Result again = cli().run("keys", "rotate", "--out", dir.toString(), "--alg", "RS384", "--kid", "ehr-2027");
    assertEquals(0, again.code(), again::toString);
    assertEquals(List.of("ehr-2027", second), kids());
    assertEquals(1, verify(before), "two rotations later the first key is gone");
    assertTrue(again.err().contains("pass --kid ehr-2027 when signing"), again.err());
    assertFalse(rotated.out().contains("PRIVATE") || rotated.err().contains("PRIVATE"), "no key material in output");
  }

  @Test
  void keepHoldsMoreKeys() throws Exception {
    cli().run("keys", "generate", "--out", dir.toString());
    cli().run("keys", "rotate", "--out", dir.toString());
    assertEquals(0, cli().run("keys", "rotate", "--out", dir.toString(), "--keep", "3").code());
    assertEquals(3, kids().size());
  }

  @Test
  void badUse() {
    Cli.Result none = cli().run("keys", "rotate", "--out", dir.toString());
    assertEquals(3, none.code(), none::toString);
    assertTrue(none.err().contains("cds keys generate"), none.err());
    cli().run("keys", "generate", "--out", dir.toString());
    Cli.Result keep = cli().run("keys", "rotate", "--out", dir.toString(), "--keep", "1");
    assertEquals(2, keep.code(), keep::toString);
  }
}
