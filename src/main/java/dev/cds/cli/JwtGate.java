package dev.cds.cli;

import com.nimbusds.jose.jwk.JWKSet;
import dev.cds.auth.JwtVerifier;
import dev.cds.auth.Jwks;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.serve.RequestGate;
import dev.cds.serve.ServerLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** {@code cds serve --jwks}: the CDS Hooks JWT check in front of every request. */
final class JwtGate {
  private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(10);

  private JwtGate() {}

  /**
   * Reads the JWK Set now (a bad file or URL fails at start-up, what is wrong with its keys is
   * warned about on {@code err}) and again for unknown kids.
   */
  static RequestGate of(String jwks, String issuer, Clock clock, PrintWriter err) {
    UrlConnectionTransport transport = new UrlConnectionTransport(TlsSettings.defaults());
    JWKSet published = Jwks.read(jwks, transport, JWKS_TIMEOUT);
    for (String problem : JwtVerifier.keySetProblems(published)) {
      err.println(ServerLog.escape("cds: warning: --jwks " + jwks + " " + problem));
    }
    JwtVerifier verifier = new JwtVerifier(published.toPublicJWKSet(),
        () -> Jwks.load(jwks, transport, JWKS_TIMEOUT), issuer, clock);
    return (exchange, audience) -> {
      String reason = verifier.reject(exchange.getRequestHeaders().getFirst("Authorization"), audience);
      return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    };
  }
}
