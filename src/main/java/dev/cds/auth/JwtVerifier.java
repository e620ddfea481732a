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
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
  /** How far ahead of this server's clock a client's may be: iat and nbf may lie this far ahead. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  /** The longest life a token may claim (exp - iat): clients sign a fresh one for each request. */
  static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
  /**
   * Tokens remembered for replay detection at once. A token is remembered until it expires, at
   * most {@code CLOCK_SKEW + MAX_LIFETIME}: this allows ~550 calls a second, sustained.
   */
  static final int JTI_CAPACITY = 200_000;
  /** Bounds the memory each remembered jti takes (a UUID is 36 characters). */
  static final int MAX_JTI_LENGTH = 128;

  private final Supplier<JWKSet> source;
  private final String allowedIssuer;
  private final Clock clock;
  private final JtiCache seenJti;
  private JWKSet jwks;
  private Instant loadedAt;

  /** Verifies against a fixed JWK Set; {@code allowedIssuer} null accepts any issuer. */
  public JwtVerifier(JWKSet jwks, String allowedIssuer, Clock clock) {
    this(jwks, () -> jwks, allowedIssuer, clock);
  }

  /** Verifies against a JWK Set read now and again when a token names a kid it lacks. */
  public JwtVerifier(Supplier<JWKSet> source, String allowedIssuer, Clock clock) {
    this(source.get(), source, allowedIssuer, clock);
  }

  /** Verifies against {@code initial}, read again from {@code reload} when a token names a kid it lacks. */
  public JwtVerifier(JWKSet initial, Supplier<JWKSet> reload, String allowedIssuer, Clock clock) {
    this(initial, reload, allowedIssuer, clock, JTI_CAPACITY);
  }

  JwtVerifier(JWKSet initial, Supplier<JWKSet> reload, String allowedIssuer, Clock clock, int jtiCapacity) {
    this.source = reload;
    this.allowedIssuer = allowedIssuer;
    this.clock = clock;
    this.jwks = initial;
    this.loadedAt = clock.instant();
    this.seenJti = new JtiCache(jtiCapacity);
  }

  /**
   * What is wrong with a JWK Set given to verify tokens, in words for the server's operator:
   * private members (the set is meant to be public, and whoever can read it can sign), or only
   * symmetric keys (which CDS Hooks forbids, so no token could ever pass). Empty when all is well.
   */
  public static List<String> keySetProblems(JWKSet set) {
    List<String> problems = new ArrayList<>();
    List<String> secret = set.getKeys().stream()
        .filter(k -> k.isPrivate() && !(k instanceof OctetSequenceKey))
        .map(k -> k.getKeyID() == null ? k.getKeyType().getValue() + " key" : "kid '" + k.getKeyID() + "'")
        .toList();
    if (!secret.isEmpty()) {
      problems.add("holds private key material (" + String.join(", ", secret)
          + "): a verifier needs only the public keys; keep the private ones out of it");
    }
    boolean allSymmetric = !set.getKeys().isEmpty()
        && set.getKeys().stream().allMatch(k -> k instanceof OctetSequenceKey);
    if (allSymmetric) {
      problems.add("holds only symmetric (oct) keys, which CDS Hooks forbids (ES384 or RS384): every token"
          + " will be refused");
    } else if (set.getKeys().stream().anyMatch(k -> k instanceof OctetSequenceKey)) {
      problems.add("holds a symmetric (oct) key, a shared secret: it is never used to verify, remove it");
    }
    return problems;
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

  private static Instant seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
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
      return "expired at " + exp + " (now " + seconds(now) + ")";
    }
    if (claims.getIssueTime() == null) {
      return "no iat claim";
    }
    Instant iat = claims.getIssueTime().toInstant();
    Instant latest = now.plus(CLOCK_SKEW);
    if (iat.isAfter(latest)) {
      return "iat " + iat + " is in the future (now " + seconds(now) + "): the client's clock is ahead";
    }
    if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latest)) {
      return "nbf " + claims.getNotBeforeTime().toInstant() + " is in the future (now " + seconds(now) + ")";
    }
    if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0) {
      return "exp is " + Duration.between(iat, exp).toSeconds() + " s after iat: a CDS Hooks JWT lives at most "
          + MAX_LIFETIME.toSeconds() + " s";
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      return "no jti claim";
    }
    if (jti.length() > MAX_JTI_LENGTH) {
      return "jti is " + jti.length() + " characters long: at most " + MAX_JTI_LENGTH;
    }
    return switch (seenJti.add(jti, exp, now)) {
      case REPLAYED -> "jti '" + jti + "' was already used (replay)";
      case FULL -> "too many live tokens to remember for replay checks: refused until some expire";
      case FRESH -> "";
    };
  }
}
