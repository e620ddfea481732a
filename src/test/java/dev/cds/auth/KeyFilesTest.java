package dev.cds.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFilesTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"ec-pkcs8.pem", "ec-sec1.pem", "ec-sec1-no-public.pem", "ec-pkcs8-no-public.pem"})
  void everyEcFormatLoadsToTheSameKey(String file) {
    SigningKey key = KeyFiles.load(TestKeys.file(file));
    assertEquals("ES384", key.algorithm());
    assertEquals(KeyFiles.load(TestKeys.file("ec-pkcs8.pem")).thumbprint(), key.thumbprint());
    assertEquals(publicPointOf("ec-public.pem"), ((ECPublicKey) key.publicKey()).getW());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES384", "RS384"})
  void thumbprintIsRfc7638AsTheJoseLibraryComputesIt(String alg) throws Exception {
    for (int i = 0; i < (alg.equals("ES384") ? 20 : 2); i++) { // EC coordinates may start with zero bytes
      SigningKey key = SigningKey.generate(alg);
      assertEquals(key.publicJwk(null).computeThumbprint().toString(), key.thumbprint());
    }
  }

  @Test
  void sec1WithSeparateParametersLoads() {
    assertEquals("ES384", KeyFiles.load(TestKeys.file("ec-sec1-with-params.pem")).algorithm());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-pkcs8.pem", "rsa-pkcs1.pem"})
  void everyRsaFormatLoadsToTheSameKey(String file) {
    SigningKey key = KeyFiles.load(TestKeys.file(file));
    assertEquals("RS384", key.algorithm());
    assertEquals(KeyFiles.load(TestKeys.file("rsa-pkcs8.pem")).thumbprint(), key.thumbprint());
  }

  @Test
  void privateJwksLoadWithTheirKid() throws IOException {
    SigningKey ec = KeyFiles.load(TestKeys.file("ec-pkcs8.pem"));
    String ecJwk = new ECKey.Builder(Curve.P_384, (ECPublicKey) ec.publicKey())
        .privateKey((ECPrivateKey) ec.privateKey()).keyID("ehr-ec").build().toJSONString();
    Path ecFile = privately(Files.writeString(tmp.resolve("ec.jwk"), ecJwk));
    SigningKey loaded = KeyFiles.load(ecFile);
    assertEquals("ehr-ec", loaded.kid());
    assertEquals("ehr-ec", loaded.kid(null));
    assertEquals(ec.thumbprint(), loaded.thumbprint());

    SigningKey rsa = KeyFiles.load(TestKeys.file("rsa-pkcs1.pem"));
    String rsaJwk = new RSAKey.Builder((RSAPublicKey) rsa.publicKey())
        .privateKey((RSAPrivateCrtKey) rsa.privateKey()).build().toJSONString();
    Path rsaFile = privately(Files.writeString(tmp.resolve("rsa.json"), "{\"keys\":[" + rsaJwk + "]}"));
    SigningKey loadedRsa = KeyFiles.load(rsaFile);
    assertNull(loadedRsa.kid());
    assertEquals(rsa.thumbprint(), loadedRsa.kid(null));
  }

  static Path privately(Path file) throws IOException {
    return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @ParameterizedTest
  @CsvSource({
    "ec-public.pem, public key",
    "ec-encrypted.pem, encrypted",
    "ec-p256.pem, P-256",
    "rsa-1024.pem, 1024 bits",
    "ed25519.pem, cannot sign",
    "README.txt, no PEM block"
  })
  void notAUsableKeyIsBadInputNamingTheFile(String file, String why) {
    CdsException e = assertThrows(CdsException.class, () -> KeyFiles.load(TestKeys.file(file)));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains(file), e::getMessage);
    assertTrue(e.getMessage().contains(why), e::getMessage);
    assertFalse(e.getMessage().contains("\n"), e::getMessage);
  }

  @Test
  void garbageAndPublicJwksAreBadInput() throws IOException {
    Path pem = Files.writeString(tmp.resolve("broken.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    CdsException broken = assertThrows(CdsException.class, () -> KeyFiles.load(pem));
    assertEquals(ExitCode.BAD_INPUT, broken.exitCode());
    assertTrue(broken.getMessage().contains("PKCS#8 PEM"), broken::getMessage);

    SigningKey ec = KeyFiles.load(TestKeys.file("ec-pkcs8.pem"));
    Path pub = Files.writeString(tmp.resolve("pub.jwk"), ec.publicJwk("k").toJSONString());
    assertTrue(assertThrows(CdsException.class, () -> KeyFiles.load(pub)).getMessage().contains("public JWK"));

    Path json = Files.writeString(tmp.resolve("request.json"), "{\"hook\": \"patient-view\"}");
    assertEquals(ExitCode.BAD_INPUT, assertThrows(CdsException.class, () -> KeyFiles.load(json)).exitCode());
    assertEquals(ExitCode.BAD_INPUT,
        assertThrows(CdsException.class, () -> KeyFiles.load(tmp.resolve("missing.pem"))).exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES384", "RS384"})
  void generatedKeysRoundTripThroughPkcs8WithOwnerOnlyMode(String alg) throws IOException {
    SigningKey key = SigningKey.generate(alg);
    Path file = tmp.resolve("key.pem");
    KeyFiles.writePrivate(key, file, false);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(key.thumbprint(), KeyFiles.load(file).thumbprint());
    CdsException again = assertThrows(CdsException.class, () -> KeyFiles.writePrivate(key, file, false));
    assertEquals(ExitCode.USAGE, again.exitCode());
    KeyFiles.writePrivate(SigningKey.generate(alg), file, true);
    assertFalse(key.thumbprint().equals(KeyFiles.load(file).thumbprint()));
  }

  @Test
  void openSslReadsTheKeysWeWrite() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
    SigningKey key = SigningKey.generate("ES384");
    Path file = tmp.resolve("key.pem");
    KeyFiles.writePrivate(key, file, false);
    Process p = new ProcessBuilder("/usr/bin/openssl", "pkey", "-in", file.toString(), "-pubout")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    byte[] der = Base64.getMimeDecoder().decode(out.replaceAll("-----[A-Z ]+-----", ""));
    assertEquals(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()), Base64.getEncoder().encodeToString(der));
  }

  private static java.security.spec.ECPoint publicPointOf(String file) {
    try {
      String pem = Files.readString(TestKeys.file(file));
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      return ((ECPublicKey) java.security.KeyFactory.getInstance("EC")
          .generatePublic(new java.security.spec.X509EncodedKeySpec(der))).getW();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
