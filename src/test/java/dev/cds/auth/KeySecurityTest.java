package dev.cds.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Private keys as ssh treats them, and key files built to break the parser. */
class KeySecurityTest {
  @TempDir Path tmp;

  static void assertOneLineBadInput(CdsException e) {
    assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e::getMessage);
    assertFalse(e.getMessage().contains("\n"), e::getMessage);
    for (String java : new String[] {"Exception", "Index ", "out of bounds", "Cannot invoke", "-214748"}) {
      assertFalse(e.getMessage().contains(java), e::getMessage);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rwx---rwx"})
  void aKeyOthersCanReachIsRefusedWithTheChmodFix(String mode) throws IOException {
    Path key = Files.copy(TestKeys.SOURCE.resolve("ec-pkcs8.pem"), tmp.resolve("key.pem"));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(mode));
    CdsException e = assertThrows(CdsException.class, () -> KeyFiles.load(key));
    assertOneLineBadInput(e);
    assertTrue(e.getMessage().contains("chmod 600 " + key), e::getMessage);
    assertTrue(e.getMessage().contains(mode), e::getMessage);

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
    assertEquals("ES384", KeyFiles.load(key).algorithm());
  }

  /** PKCS#8 of ec-pkcs8.pem with the last byte of the embedded public point changed. */
  private Path offCurve() throws IOException {
    String pem = Files.readString(TestKeys.SOURCE.resolve("ec-pkcs8.pem"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    der[der.length - 1] ^= 0x01;
    return privateFile("off-curve.pem", KeyFiles.pem("PRIVATE KEY", der));
  }

  private Path privateFile(String name, String content) throws IOException {
    Path file = Files.writeString(tmp.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void aPublicPointOffTheCurveIsBadInput() throws IOException {
    Path file = offCurve();
    CdsException e = assertThrows(CdsException.class, () -> KeyFiles.load(file));
    assertOneLineBadInput(e);
    assertTrue(e.getMessage().contains("not on curve P-384"), e::getMessage);
  }

  @Test
  void aPairWhosePublicHalfBelongsToAnotherKeyFailsTheRoundTrip() throws IOException {
    SigningKey a = SigningKey.generate("ES384");
    SigningKey b = SigningKey.generate("ES384");
    Path file = privateFile("swapped.pem", KeyFiles.pkcs8Pem(new SigningKey(a.privateKey(), b.publicKey(), null)));
    SigningKey loaded = KeyFiles.load(file);
    CdsException e = assertThrows(CdsException.class, () -> KeyFiles.checkPair(loaded, file.toString()));
    assertOneLineBadInput(e);
    assertTrue(e.getMessage().contains("does not match"), e::getMessage);
    KeyFiles.checkPair(a, "a");
    KeyFiles.checkPair(SigningKey.generate("RS384"), "rsa");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "30847fffffff020100", // SEQUENCE of length 2^31-1: i + len overflows
      "3084ffffffff020100", // negative length
      "3082ffff020100",     // length past the end
      "300a020100300506002a",  // an empty OID, then truncated
      "3003020100",         // a SEQUENCE with too few members
      "30"})
  void damagedDerIsOneLineOfBadInput(String hex) throws IOException {
    byte[] der = java.util.HexFormat.of().parseHex(hex);
    Path file = privateFile("bad.pem", KeyFiles.pem("PRIVATE KEY", der));
    CdsException e = assertThrows(CdsException.class, () -> KeyFiles.load(file));
    assertOneLineBadInput(e);
    assertTrue(e.getMessage().startsWith(file + " is not a usable private key"), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "[]", "{}", "{\"keys\": null}", "{\"keys\": [null]}", "{\"keys\": [1]}", "\"keys\""})
  void aJwkSetThatIsNullOrNotASetIsOneLineOfBadInput(String text) throws IOException {
    Path file = Files.writeString(tmp.resolve("jwks.json"), text);
    CdsException e = assertThrows(CdsException.class, () -> Jwks.load(file.toString(), null, java.time.Duration.ofSeconds(1)));
    assertOneLineBadInput(e);
    assertTrue(e.getMessage().contains("is not a JWK Set"), e::getMessage);
  }

  @Test
  void aJwkSetWithoutKeysSaysSo() throws IOException {
    Path file = Files.writeString(tmp.resolve("jwks.json"), "{\"keys\": []}");
    CdsException e = assertThrows(CdsException.class, () -> Jwks.load(file.toString(), null, java.time.Duration.ofSeconds(1)));
    assertOneLineBadInput(e);
    assertTrue(e.getMessage().contains("without keys"), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"keys\": [null]}", "{\"keys\": [{\"kty\": \"EC\"}]}", "{\"kty\": \"EC\", \"d\": null}"})
  void aBrokenJwkKeyFileIsOneLineOfBadInput(String text) throws IOException {
    Path file = privateFile("key.jwk", text);
    CdsException e = assertThrows(CdsException.class, () -> KeyFiles.load(file));
    assertOneLineBadInput(e);
  }

  @Test
  void pemDecodingStaysAscii() {
    assertEquals("-----BEGIN X-----\nAA==\n-----END X-----\n", KeyFiles.pem("X", new byte[1]));
    assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(KeyFiles.pem("X", new byte[70])));
  }
}
