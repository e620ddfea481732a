package dev.cds.cli;

import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.client.DiscoveryCache;
import dev.cds.client.Endpoints;
import java.nio.file.Path;
import java.time.Duration;
import dev.cds.core.CdsException;
import dev.cds.http.ClientCertificate;
import dev.cds.http.ProxySettings;
import dev.cds.http.TlsSettings;
import dev.cds.http.Transport;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.http.VerboseTransport;

/**
 * The one place where bound options become the objects that talk to the network: transport (TLS,
 * {@code -v} logging), the authorizer, and the CDS client. Commands ask for a connection; mixins
 * only bind.
 */
final class Wiring {
  /** What a command needs to talk to one CDS server. */
  record Connection(Transport transport, CdsClient client, TlsSettings tls) {}

  private Wiring() {}

  /**
   * @param positionalBase a base URL given as an argument (wins over {@code --base}), or null
   */
  static Connection connect(CliContext ctx, GlobalOptions global, ServerOptions server, AuthOptions auth,
      String positionalBase) {
    Endpoints endpoints = Endpoints.of(positionalBase != null ? positionalBase : server.base);
    TlsSettings tls = tls(ctx, server);
    Transport transport = transport(ctx, global, server, tls);
    Authorizer authorizer = auth == null ? Authorizer.NONE
        : auth.authorizer(ctx, transport, server.timeout(), global.verbose());
    CdsClient client = new CdsClient(transport, endpoints, authorizer, server.headers(), server.timeout());
    Path cacheDir = cacheDir(ctx);
    Duration ttl = server.discoveryTtl;
    if (cacheDir != null && !ttl.isZero()) {
      client = client.withDiscoveryCache(new DiscoveryCache(cacheDir.resolve("discovery"), ctx.clock(), ttl),
          identity(auth), server.refresh);
    }
    return new Connection(transport, client, tls);
  }

  /** {@code $XDG_CACHE_HOME/cds}, else {@code $HOME/.cache/cds}; null (no cache) when neither is set. */
  static Path cacheDir(CliContext ctx) {
    String xdg = ctx.env("XDG_CACHE_HOME");
    if (xdg != null) {
      return Path.of(xdg, "cds");
    }
    String home = ctx.env("HOME");
    return home == null ? null : Path.of(home, ".cache", "cds");
  }

  /**
   * Who the calls authenticate as, for keying the discovery cache: a service may offer different
   * services to different callers, so documents are never shared across identities.
   */
  static String identity(AuthOptions auth) {
    if (auth == null || !auth.isSet()) {
      return "none";
    }
    return "iss=" + auth.issuer + ";client=" + auth.clientId + ";kid=" + auth.kid + ";key=" + auth.key
        + ";tenant=" + auth.tenant + ";token-url=" + auth.smartTokenUrl;
  }

  /** The transport alone (for FHIR servers and token endpoints), warning once under --insecure. */
  static Transport transport(CliContext ctx, GlobalOptions global, ServerOptions server, TlsSettings tls) {
    if (server.insecure) {
      ctx.err().println("cds: warning: --insecure: TLS certificates are NOT verified");
    }
    ProxySettings proxies = ProxySettings.of(ctx.env(), server.proxy);
    if (global.verbose()) {
      ctx.err().println("cds: " + proxies.describe());
    }
    Transport t = new UrlConnectionTransport(tls, server.maxResponseBytes(), proxies);
    return global.verbose() ? new VerboseTransport(t, ctx.err()) : t;
  }

  static TlsSettings tls(CliContext ctx, ServerOptions server) {
    return tls(ctx, server, server.insecure);
  }

  /** The TLS settings with verification as given: {@code cds test} checks certificates even under --insecure. */
  static TlsSettings tls(CliContext ctx, ServerOptions server, boolean insecure) {
    if (server.certKey != null && server.cert == null) {
      throw CdsException.usage("--cert-key needs --cert, the client certificate it belongs to");
    }
    ClientCertificate client = null;
    if (server.cert != null) {
      client = new ClientCertificate(server.cert, server.certKey,
          ctx.env("CDS_CERT_PASSWORD") == null ? null : ctx.env("CDS_CERT_PASSWORD").toCharArray());
      if (!client.pkcs12() && server.certKey == null) {
        throw CdsException.usage("--cert " + server.cert + " is PEM: add --cert-key FILE (or use a .p12 file)");
      }
    }
    return new TlsSettings(server.cacert, insecure, client);
  }
}
