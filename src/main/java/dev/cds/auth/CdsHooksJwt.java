package dev.cds.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cds.client.Authorizer;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The CDS Hooks client JWT (spec §4a): a fresh token per request, {@code aud} the exact URL being
 * called, so discovery, each service call and feedback each get their own.
 */
public final class CdsHooksJwt implements Authorizer {
  public static final Duration MAX_TTL = Duration.ofMinutes(5);

  /**
   * @param kid null for the key's own id or its thumbprint
   * @param jku the JWK Set URL for the header, or null
   * @param tenant the {@code tenant} claim, or null
   * @param ttl lifetime, at most five minutes
   */
  public record Settings(String issuer, String kid, String jku, String tenant, Duration ttl) {
    public Settings {
      if (issuer == null || issuer.isBlank()) {
        throw CdsException.usage("a CDS Hooks JWT needs an issuer: pass {0} ISSUER", Setting.ISSUER);
      }
      if (ttl == null) {
        ttl = MAX_TTL;
      }
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
        throw CdsException.usage("JWT lifetime must be between 1s and 300s (5m), not " + ttl.toSeconds() + "s");
      }
      if (jku != null && !jku.startsWith("https://") && !jku.startsWith("http://")) {
        throw CdsException.usage("{0} must be the http(s) URL of your JWK Set, not '{1}'", Setting.JKU, jku);
      }
    }
  }

  private final Jws jws;
  private final String kid;
  private final Settings settings;
  private final Clock clock;

  public CdsHooksJwt(SigningKey key, Settings settings, Clock clock) {
    this.jws = new Jws(key);
    this.kid = key.kid(settings.kid());
    this.settings = settings;
    this.clock = clock;
  }

  /** A signed token for {@code audience} (the exact URL it will be sent to). */
  public String token(String audience) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(settings.issuer())
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(settings.ttl())))
        .jwtID(UUID.randomUUID().toString());
    if (settings.tenant() != null) {
      claims.claim("tenant", settings.tenant());
    }
    return jws.sign(kid, settings.jku(), claims.build());
  }

  public String kid() {
    return kid;
  }

  @Override
  public Optional<String> authorization(String method, URI uri) {
    return Optional.of("Bearer " + token(uri.toString()));
  }
}
