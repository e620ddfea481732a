package dev.cds.conformance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cds.auth.SigningKey;
import java.net.URI;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * CDS Hooks JWTs for the security checks: one the service should accept, and one broken in
 * exactly one way for each refusal it should make (another audience, expired, unsigned, signed
 * by a key it does not know). Everything else matches the valid token, so a refusal can only be
 * for that one fault.
 */
public final class ForgedTokens {
  /** An audience no service has: a token for another endpoint. */
  static final String OTHER_AUDIENCE = "https://another-cds-service.invalid/cds-services/other";

  private final SigningKey key;
  private final String issuer;
  private final String kid;
  private final String jku;
  private final String tenant;
  private final Clock clock;
  private SigningKey stranger;

  /**
   * @param kid the key id the service knows the key by (null: the key's own or its thumbprint)
   * @param jku the JWK Set URL for the header, or null
   * @param tenant the tenant claim, or null
   */
  public ForgedTokens(SigningKey key, String issuer, String kid, String jku, String tenant, Clock clock) {
    this.key = key;
    this.issuer = issuer;
    this.kid = key.kid(kid);
    this.jku = jku;
    this.tenant = tenant;
    this.clock = clock;
  }

  public String issuer() {
    return issuer;
  }

  String valid(String audience) {
    return signed(key, claims(audience, clock.instant(), Duration.ofMinutes(5)));
  }

  String otherAudience() {
    return signed(key, claims(OTHER_AUDIENCE, clock.instant(), Duration.ofMinutes(5)));
  }

  /** Issued ten minutes ago, expired five minutes ago: beyond any reasonable clock skew. */
  String expired(String audience) {
    return signed(key, claims(audience, clock.instant().minus(Duration.ofMinutes(10)), Duration.ofMinutes(5)));
  }

  /** {@code alg: none}, no signature: what RFC 7518 calls an Unsecured JWS. */
  String unsigned(String audience) {
    PlainHeader header = new PlainHeader.Builder().type(JOSEObjectType.JWT).customParam("kid", kid).build();
    return new PlainJWT(header, claims(audience, clock.instant(), Duration.ofMinutes(5))).serialize();
  }

  /** The same header and claims, signed by a fresh key of the same kind: only the signature is wrong. */
  String unknownKey(String audience) {
    if (stranger == null) {
      stranger = SigningKey.generate(key.algorithm());
    }
    return signed(stranger, claims(audience, clock.instant(), Duration.ofMinutes(5)));
  }

  /** For the evidence: what a token is, never the token. */
  String describe(String what) {
    return "Bearer [" + what + " JWT, " + key.algorithm() + ", kid " + kid + ", iss " + issuer + "; not shown]";
  }

  private JWTClaimsSet claims(String audience, Instant issued, Duration life) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .issueTime(Date.from(issued))
        .expirationTime(Date.from(issued.plus(life)))
        .jwtID(UUID.randomUUID().toString());
    if (tenant != null) {
      b.claim("tenant", tenant);
    }
    return b.build();
  }

  private String signed(SigningKey with, JWTClaimsSet claims) {
    try {
      JWSSigner signer;
      JWSAlgorithm alg;
      if (with.privateKey() instanceof ECPrivateKey ec) {
        signer = new ECDSASigner(ec);
        alg = JWSAlgorithm.ES384;
      } else {
        signer = new RSASSASigner(with.privateKey());
        alg = JWSAlgorithm.RS384;
      }
      JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid);
      if (jku != null) {
        header.jwkURL(URI.create(jku));
      }
      SignedJWT jwt = new SignedJWT(header.build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a test token with " + with, e);
    }
  }
}
