package dev.cds.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  static final String URL = "http://127.0.0.1:8080/cds-services/patient-view";
  static final SigningKey EC = SigningKey.generate("ES384");
  static final SigningKey RSA = SigningKey.generate("RS384");

  final MutableClock clock = new MutableClock(NOW);
  final JwtVerifier verifier = new JwtVerifier(jwks(EC, RSA), "https://ehr.example", clock);

  static JWKSet jwks(SigningKey... keys) {
    return new JWKSet(java.util.Arrays.stream(keys).map(k -> k.publicJwk(k.kid(null))).toList());
  }

  CdsHooksJwt signer(SigningKey key) {
    return new CdsHooksJwt(key, new CdsHooksJwt.Settings("https://ehr.example", null, null, null, null), clock);
  }

  @Test
  void validTokensOfBothAlgorithmsPass() {
    assertEquals("", verifier.reject("Bearer " + signer(EC).token(URL), URL));
    assertEquals("", verifier.reject("bearer " + signer(RSA).token(URL), URL));
  }

  @Test
  void missingOrNonBearerAuthorization() {
    assertEquals("no Authorization header", verifier.reject(null, URL));
    assertEquals("Authorization is not a Bearer token", verifier.reject("Basic dXNlcjpwdw==", URL));
    assertTrue(verifier.reject("Bearer not-a-jwt", URL).contains("not a signed JWT"));
  }

  @Test
  void wrongAudience() {
    String token = signer(EC).token("http://127.0.0.1:8080/cds-services");
    assertTrue(verifier.reject("Bearer " + token, URL).startsWith("aud 'http://127.0.0.1:8080/cds-services' is not"));
  }

  @Test
  void expired() {
    String token = signer(EC).token(URL);
    clock.now = NOW.plusSeconds(301);
    assertTrue(verifier.reject("Bearer " + token, URL).startsWith("expired at 2025-03-01T10:05:00Z"));
  }

  @Test
  void replayedJti() {
    String token = "Bearer " + signer(EC).token(URL);
    assertEquals("", verifier.reject(token, URL));
    assertTrue(verifier.reject(token, URL).contains("already used"));
  }

  @Test
  void unknownKid() {
    SigningKey stranger = SigningKey.generate("ES384");
    assertTrue(verifier.reject("Bearer " + signer(stranger).token(URL), URL).startsWith("unknown kid"));
  }

  @Test
  void badSignature() {
    // signed by another key that claims the trusted key's kid
    SigningKey impostor = SigningKey.generate("ES384");
    CdsHooksJwt forged = new CdsHooksJwt(impostor,
        new CdsHooksJwt.Settings("https://ehr.example", EC.kid(null), null, null, null), clock);
    assertTrue(verifier.reject("Bearer " + forged.token(URL), URL).startsWith("bad signature"));
    // and a valid token with its claims swapped after signing
    String[] parts = signer(EC).token(URL).split("\\.");
    String otherClaims = signer(EC).token(URL).split("\\.")[1];
    assertTrue(verifier.reject("Bearer " + parts[0] + "." + otherClaims + "." + parts[2], URL).startsWith("bad signature"));
  }

  @Test
  void algorithmsOutsideEs384AndRs384() throws Exception {
    JWTClaimsSet claims = claims().build();
    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + EC.kid(null) + "\"}") + "."
        + b64(claims.toString()) + ".";
    assertTrue(verifier.reject("Bearer " + unsigned, URL).contains("not a signed JWT")
        || verifier.reject("Bearer " + unsigned, URL).contains("not allowed"));

    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS384).keyID(RSA.kid(null)).build(), claims);
    hmac.sign(new MACSigner(new byte[48]));
    assertEquals("alg HS384 is not allowed: ES384 or RS384 only", verifier.reject("Bearer " + hmac.serialize(), URL));

    java.security.KeyPairGenerator p256 = java.security.KeyPairGenerator.getInstance("EC");
    p256.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC.kid(null)).build(), claims);
    es256.sign(new com.nimbusds.jose.crypto.ECDSASigner(
        (java.security.interfaces.ECPrivateKey) p256.generateKeyPair().getPrivate()));
    assertEquals("alg ES256 is not allowed: ES384 or RS384 only", verifier.reject("Bearer " + es256.serialize(), URL));
  }

  @Test
  void keyTypeMustFitTheAlgorithm() {
    // an ES384 token naming the RSA key's kid
    CdsHooksJwt confused = new CdsHooksJwt(EC,
        new CdsHooksJwt.Settings("https://ehr.example", RSA.kid(null), null, null, null), clock);
    assertTrue(verifier.reject("Bearer " + confused.token(URL), URL).contains("cannot verify ES384"));
  }

  @Test
  void issuerMustBeTheAllowedOne() {
    CdsHooksJwt other = new CdsHooksJwt(EC, new CdsHooksJwt.Settings("https://evil.example", null, null, null, null), clock);
    assertTrue(verifier.reject("Bearer " + other.token(URL), URL).startsWith("iss 'https://evil.example' is not"));
    JwtVerifier anyIssuer = new JwtVerifier(jwks(EC), null, clock);
    assertEquals("", anyIssuer.reject("Bearer " + other.token(URL), URL));
  }

  @Test
  void requiredClaimsAndTyp() {
    Jws jws = new Jws(EC);
    String kid = EC.kid(null);
    assertEquals("no jti claim", verifier.reject("Bearer " + jws.sign(kid, null, claims().jwtID(null).build()), URL));
    assertEquals("no exp claim", verifier.reject("Bearer " + jws.sign(kid, null, claims().expirationTime(null).build()), URL));
    assertEquals("no iat claim", verifier.reject("Bearer " + jws.sign(kid, null, claims().issueTime(null).build()), URL));
    assertEquals("no iss claim", verifier.reject("Bearer " + jws.sign(kid, null, claims().issuer(null).build()), URL));
    assertEquals("no kid in the JWT header", verifier.reject("Bearer " + jws.sign(null, null, claims().build()), URL));
  }

  @Test
  void unknownKidReloadsTheSetAtMostOncePerInterval() {
    SigningKey rotated = SigningKey.generate("ES384");
    AtomicInteger loads = new AtomicInteger();
    JwtVerifier reloading = new JwtVerifier(() -> loads.incrementAndGet() == 1 ? jwks(EC) : jwks(EC, rotated), null, clock);
    String token = "Bearer " + signer(rotated).token(URL);
    assertTrue(reloading.reject(token, URL).startsWith("unknown kid"));
    assertEquals(1, loads.get());
    clock.now = NOW.plus(JwtVerifier.RELOAD_INTERVAL).plusSeconds(1);
    assertEquals("", reloading.reject("Bearer " + signer(rotated).token(URL), URL));
    assertEquals(2, loads.get());
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer("https://ehr.example").audience(List.of(URL))
        .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(60)))
        .jwtID(java.util.UUID.randomUUID().toString());
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
