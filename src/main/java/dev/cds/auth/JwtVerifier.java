package dev.cds.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The service side of the CDS Hooks JWT (spec §4a): what {@code cds serve --jwks} checks before it
 * answers. {@link #reject} names the first problem, for the server's log; the caller only ever
 * sees 401.
 */
public final class JwtVerifier {
  static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
  /** How often an unknown kid may trigger a fresh look at a JWK Set URL (key rotation). */
  static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);

  private final Supplier<JWKSet> source;
  private final String allowedIssuer;
  private final Clock clock;
  private final Map<String, Instant> seenJti = new HashMap<>();
  private JWKSet jwks;
  private Instant loadedAt;

  /** Verifies against a fixed JWK Set; {@code allowedIssuer} null accepts any issuer. */
  public JwtVerifier(JWKSet jwks, String allowedIssuer, Clock clock) {
    this(() -> jwks, allowedIssuer, clock);
  }

  /** Verifies against a JWK Set read now and again when a token names a kid it lacks. */
  public JwtVerifier(Supplier<JWKSet> source, String allowedIssuer, Clock clock) {
    this.source = source;
    this.allowedIssuer = allowedIssuer;
    this.clock = clock;
    this.jwks = source.get();
    this.loadedAt = clock.instant();
  }

  /**
   * Why the request must be refused, or the empty string when its token is valid.
   *
   * @param authorization the {@code Authorization} header value, or null when absent
   * @param audience the exact URL the request was sent to
   */
  public String reject(String authorization, String audience) {
    if (authorization == null || authorization.isBlank()) {
      return "no Authorization header";
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "Authorization is not a Bearer token";
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(authorization.substring(7).strip());
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return "the bearer token is not a signed JWT (" + e.getMessage() + ")";
    }
    JWSHeader header = jwt.getHeader();
    if (!ALLOWED.contains(header.getAlgorithm())) {
      return "alg " + header.getAlgorithm() + " is not allowed: ES384 or RS384 only";
    }
    if (!JOSEObjectType.JWT.equals(header.getType())) {
      return "typ must be JWT, not " + header.getType();
    }
    String kid = header.getKeyID();
    if (kid == null) {
      return "no kid in the JWT header";
    }
    JWK key = key(kid);
    if (key == null) {
      return "unknown kid '" + kid + "': not in the JWK Set";
    }
    String signature = checkSignature(jwt, key);
    if (!signature.isEmpty()) {
      return signature;
    }
    return checkClaims(claims, audience);
  }

  private synchronized JWK key(String kid) {
    JWK key = jwks.getKeyByKeyId(kid);
    if (key == null && clock.instant().isAfter(loadedAt.plus(RELOAD_INTERVAL))) {
      loadedAt = clock.instant();
      try {
        jwks = source.get();
      } catch (RuntimeException e) {
        return null; // keep the set we have; the kid stays unknown
      }
      key = jwks.getKeyByKeyId(kid);
    }
    return key;
  }

  static String checkSignature(SignedJWT jwt, JWK key) {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    try {
      JWSVerifier verifier;
      if (alg.equals(JWSAlgorithm.ES384) && key instanceof ECKey ec) {
        verifier = new ECDSAVerifier(ec);
      } else if (alg.equals(JWSAlgorithm.RS384) && key instanceof RSAKey rsa) {
        verifier = new RSASSAVerifier(rsa);
      } else {
        return "kid '" + key.getKeyID() + "' is a " + key.getKeyType() + " key, which cannot verify " + alg;
      }
      return jwt.verify(verifier) ? "" : "bad signature (kid '" + key.getKeyID() + "')";
    } catch (JOSEException e) {
      return "signature cannot be checked with kid '" + key.getKeyID() + "': " + e.getMessage();
    }
  }

  private String checkClaims(JWTClaimsSet claims, String audience) {
    Instant now = clock.instant();
    if (claims.getIssuer() == null) {
      return "no iss claim";
    }
    if (allowedIssuer != null && !allowedIssuer.equals(claims.getIssuer())) {
      return "iss '" + claims.getIssuer() + "' is not the allowed issuer '" + allowedIssuer + "'";
    }
    List<String> aud = claims.getAudience();
    if (!aud.contains(audience)) {
      return "aud " + (aud.isEmpty() ? "is missing" : aud.size() == 1 ? "'" + aud.get(0) + "'" : aud)
          + (aud.isEmpty() ? "" : " is not") + " the URL called, " + audience;
    }
    if (claims.getExpirationTime() == null) {
      return "no exp claim";
    }
    Instant exp = claims.getExpirationTime().toInstant();
    if (!now.isBefore(exp)) {
      return "expired at " + exp + " (now " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }
    if (claims.getIssueTime() == null) {
      return "no iat claim";
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      return "no jti claim";
    }
    synchronized (seenJti) {
      seenJti.values().removeIf(until -> !now.isBefore(until));
      if (seenJti.containsKey(jti)) {
        return "jti '" + jti + "' was already used (replay)";
      }
      seenJti.put(jti, exp);
    }
    return "";
  }
}
