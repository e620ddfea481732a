package dev.cds.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CdsHooksJwtTest {
  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String URL = "https://cds.example.org/cds-services/order-dispatch-crd";

  @ParameterizedTest
  @ValueSource(strings = {"ES384", "RS384"})
  void signsWhatTheSpecAsksAndVerifiesIndependently(String alg) throws Exception {
    SigningKey key = SigningKey.generate(alg);
    CdsHooksJwt signer = new CdsHooksJwt(key,
        new CdsHooksJwt.Settings("https://ehr.example", null, "https://ehr.example/jwks.json", "hospital-7", null), CLOCK);
    String header = signer.authorization("POST", URI.create(URL)).orElseThrow();
    assertTrue(header.startsWith("Bearer "));
    String token = header.substring(7);

    JsonNode h = part(token, 0);
    assertEquals(alg, h.path("alg").asText());
    assertEquals("JWT", h.path("typ").asText());
    assertEquals(key.thumbprint(), h.path("kid").asText());
    assertEquals("https://ehr.example/jwks.json", h.path("jku").asText());
    JsonNode c = part(token, 1);
    assertEquals("https://ehr.example", c.path("iss").asText());
    assertEquals(URL, c.path("aud").asText());
    assertEquals(NOW.getEpochSecond(), c.path("iat").asLong());
    assertEquals(NOW.getEpochSecond() + 300, c.path("exp").asLong());
    assertEquals("hospital-7", c.path("tenant").asText());
    assertFalse(c.path("jti").asText().isBlank());

    // the JOSE library's verifier, built from the public key only
    SignedJWT jwt = SignedJWT.parse(token);
    JWSVerifier verifier = alg.equals("ES384")
        ? new ECDSAVerifier((ECPublicKey) key.publicKey()) : new RSASSAVerifier((RSAPublicKey) key.publicKey());
    assertTrue(jwt.verify(verifier));

    // the JDK on the raw bytes: signing input = header.payload, ES384 signature R||S re-encoded as DER
    String[] parts = token.split("\\.");
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] raw = Base64.getUrlDecoder().decode(parts[2]);
    Signature jdk = Signature.getInstance(alg.equals("ES384") ? "SHA384withECDSA" : "SHA384withRSA");
    jdk.initVerify(key.publicKey());
    jdk.update(signingInput);
    assertTrue(jdk.verify(alg.equals("ES384") ? rsToDer(raw) : raw));
    if (alg.equals("ES384")) {
      assertEquals(96, raw.length);
    }

    // and a changed byte no longer verifies
    jdk.initVerify(key.publicKey());
    byte[] tampered = signingInput.clone();
    tampered[tampered.length - 1] ^= 1;
    jdk.update(tampered);
    assertFalse(jdk.verify(alg.equals("ES384") ? rsToDer(raw) : raw));
  }

  @Test
  void everyRequestGetsItsOwnTokenForItsOwnUrl() throws Exception {
    SigningKey key = SigningKey.generate("ES384");
    CdsHooksJwt signer = new CdsHooksJwt(key, new CdsHooksJwt.Settings("ehr", "my-kid", null, null, Duration.ofSeconds(60)), CLOCK);
    String discovery = signer.token("https://cds.example.org/cds-services");
    String call = signer.token(URL);
    String again = signer.token(URL);
    assertEquals("https://cds.example.org/cds-services", part(discovery, 1).path("aud").asText());
    assertNotEquals(part(call, 1).path("jti"), part(again, 1).path("jti"));
    assertEquals("my-kid", part(call, 0).path("kid").asText());
    assertEquals(NOW.getEpochSecond() + 60, part(call, 1).path("exp").asLong());
    assertTrue(part(call, 1).path("tenant").isMissingNode());
    assertTrue(part(call, 0).path("jku").isMissingNode());
  }

  @Test
  void lifetimeAndIssuerAreChecked() {
    assertEquals(ExitCode.USAGE, assertThrows(CdsException.class,
        () -> new CdsHooksJwt.Settings("ehr", null, null, null, Duration.ofSeconds(301))).exitCode());
    assertEquals(ExitCode.USAGE, assertThrows(CdsException.class,
        () -> new CdsHooksJwt.Settings("ehr", null, null, null, Duration.ZERO)).exitCode());
    assertEquals(ExitCode.USAGE, assertThrows(CdsException.class,
        () -> new CdsHooksJwt.Settings(" ", null, null, null, null)).exitCode());
    assertEquals(ExitCode.USAGE, assertThrows(CdsException.class,
        () -> new CdsHooksJwt.Settings("ehr", null, "jwks.json", null, null)).exitCode());
  }

  static JsonNode part(String token, int index) {
    return Json.parse(Base64.getUrlDecoder().decode(token.split("\\.")[index]), "jwt");
  }

  /** JWS ECDSA signatures are R||S (RFC 7518 §3.4); the JDK wants an ASN.1 SEQUENCE of two INTEGERs. */
  static byte[] rsToDer(byte[] rs) {
    int half = rs.length / 2;
    byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, half)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, half, rs.length)).toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] i : new byte[][] {r, s}) {
      body.write(0x02);
      body.write(i.length);
      body.writeBytes(i);
    }
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(0x30);
    if (body.size() > 127) {
      der.write(0x81);
    }
    der.write(body.size());
    der.writeBytes(body.toByteArray());
    return der.toByteArray();
  }
}
