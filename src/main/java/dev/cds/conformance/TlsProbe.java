package dev.cds.conformance;

import dev.cds.http.NetworkErrors;
import dev.cds.http.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server's certificate is valid for its host name. Discovery already proved it unless TLS
 * checks were switched off ({@code --insecure}); then one handshake with the checks on decides.
 */
final class TlsProbe implements Probe {
  static final String ID = "hooks:security-and-safety.tls";

  private final URI uri;
  private final TlsSettings used;
  private final TlsSettings strict;
  private final boolean proxied;
  private final Duration timeout;
  private final Check check = Check.of(ID, Level.SHALL, Area.SECURITY, null, "the TLS certificate is valid",
      "CDS Hooks, Security and Safety: \"All data exchanged through the RESTful APIs SHALL be transmitted over"
          + " channels secured using ... HTTPS\"");

  /**
   * @param used the TLS settings of the run
   * @param strict the same trust anchors with verification on
   * @param proxied whether the run reaches the server through a proxy, which the raw handshake cannot use
   */
  TlsProbe(URI uri, TlsSettings used, TlsSettings strict, boolean proxied, Duration timeout) {
    this.uri = uri;
    this.used = used;
    this.strict = strict;
    this.proxied = proxied;
    this.timeout = timeout;
  }

  private boolean https() {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  @Override
  public List<PlannedRequest> plan() {
    return https() && used.insecure() && !proxied
        ? List.of(new PlannedRequest("TLS", uri.getHost() + ":" + port(), "a handshake with certificate checks on"))
        : List.of();
  }

  private int port() {
    return uri.getPort() > 0 ? uri.getPort() : 443;
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (!https()) {
      return List.of(check.skip("the base URL is http: nothing to check (CDS Hooks requires https outside a test"
          + " bench)"));
    }
    if (!used.insecure()) {
      return List.of(check.pass("discovery's handshake verified the certificate chain and the host name"));
    }
    if (proxied) {
      return List.of(check.skip("certificates are not verified in this run, and it goes through a proxy, which a"
          + " separate handshake cannot use"));
    }
    session.reserve(check.title());
    long start = System.nanoTime();
    try {
      RawHttp.open(uri, strict, timeout).close();
      return List.of(check.pass("the certificate chain and the host name verify (checked although verification is"
          + " off for the run)"));
    } catch (IOException e) {
      String failure = Excerpts.clean(NetworkErrors.describe(e, uri.toString(), timeout).getMessage());
      return List.of(check.notMet("the handshake fails with verification on: " + failure)
          .with(new Exchange("TLS", uri.getHost() + ":" + port(), null, "handshake", 0,
              (System.nanoTime() - start) / 1_000_000, null, Map.of(), failure)));
    }
  }
}
