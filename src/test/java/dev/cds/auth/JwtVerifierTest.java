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

  @Test
  void issuedOrValidOnlyInTheFutureBeyondTheSkew() {
    Jws jws = new Jws(EC);
    String kid = EC.kid(null);
    Date ahead61 = Date.from(NOW.plusSeconds(61));
    Date ahead59 = Date.from(NOW.plusSeconds(59));
    Date exp = Date.from(NOW.plusSeconds(120));
    assertTrue(verifier.reject("Bearer " + jws.sign(kid, null, claims().issueTime(ahead61).expirationTime(exp).build()), URL)
        .startsWith("iat 2025-03-01T10:01:01Z is in the future"));
    assertEquals("", verifier.reject("Bearer " + jws.sign(kid, null, claims().issueTime(ahead59).expirationTime(exp).build()), URL),
        "a client clock 59 s ahead is within the skew");
    assertTrue(verifier.reject("Bearer " + jws.sign(kid, null, claims().notBeforeTime(ahead61).build()), URL)
        .startsWith("nbf 2025-03-01T10:01:01Z is in the future"));
    assertEquals("", verifier.reject("Bearer " + jws.sign(kid, null, claims().notBeforeTime(ahead59).build()), URL));
  }

  @Test
  void aLifetimeOverFiveMinutesIsRefused() {
    Jws jws = new Jws(EC);
    String kid = EC.kid(null);
    String longLived = jws.sign(kid, null, claims().expirationTime(Date.from(NOW.plusSeconds(301))).build());
    assertEquals("exp is 301 s after iat: a CDS Hooks JWT lives at most 300 s", verifier.reject("Bearer " + longLived, URL));
    String backdated = jws.sign(kid, null, claims().issueTime(Date.from(NOW.minusSeconds(3600)))
        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
    assertTrue(verifier.reject("Bearer " + backdated, URL).startsWith("exp is 3660 s after iat"));
    assertEquals("", verifier.reject("Bearer " + jws.sign(kid, null,
        claims().expirationTime(Date.from(NOW.plusSeconds(300))).build()), URL));
  }

  @Test
  void theReplayCacheIsBounded() {
    JwtVerifier small = new JwtVerifier(jwks(EC), () -> jwks(EC), null, clock, 2);
    assertEquals("", small.reject("Bearer " + signer(EC).token(URL), URL));
    assertEquals("", small.reject("Bearer " + signer(EC).token(URL), URL));
    assertTrue(small.reject("Bearer " + signer(EC).token(URL), URL).startsWith("too many live tokens"),
        "full: refused rather than forgetting a live jti");
    clock.now = NOW.plusSeconds(301);
    assertEquals("", small.reject("Bearer " + signer(EC).token(URL), URL), "expired entries make room");
    Jws jws = new Jws(EC);
    String longJti = jws.sign(EC.kid(null), null, claims().jwtID("j".repeat(129)).build());
    assertEquals("jti is 129 characters long: at most 128", verifier.reject("Bearer " + longJti, URL));
  }

  @Test
  void keySetProblemsNamePrivateAndSymmetricKeys() throws Exception {
    assertEquals(List.of(), JwtVerifier.keySetProblems(jwks(EC, RSA)));
    JWKSet withPrivate = new JWKSet(List.of(com.nimbusds.jose.jwk.JWK.parse(
        new com.nimbusds.jose.jwk.ECKey.Builder((com.nimbusds.jose.jwk.ECKey) EC.publicJwk("k1"))
            .privateKey((java.security.interfaces.ECPrivateKey) EC.privateKey()).build().toJSONString())));
    assertTrue(JwtVerifier.keySetProblems(withPrivate).get(0).startsWith("holds private key material (kid 'k1')"));
    JWKSet symmetric = new JWKSet(new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(new byte[48]).keyID("s").build());
    assertTrue(JwtVerifier.keySetProblems(symmetric).get(0).startsWith("holds only symmetric (oct) keys"));
    JWKSet mixed = new JWKSet(List.of(EC.publicJwk("k1"),
        new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(new byte[48]).keyID("s").build()));
    assertTrue(JwtVerifier.keySetProblems(mixed).get(0).startsWith("holds a symmetric (oct) key"));
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
