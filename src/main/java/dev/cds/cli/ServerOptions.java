package dev.cds.cli;

import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.client.Endpoints;
import dev.cds.http.TlsSettings;
import dev.cds.http.Transport;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.http.VerboseTransport;
import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the CDS server is and how to talk to it: base URL, timeout, headers, TLS. */
public final class ServerOptions {
  @Option(names = "--base", paramLabel = "URL",
      description = "Base URL of the CDS server (services at URL/cds-services). Also CDS_BASE_URL or a profile.")
  String base;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "Connect and response timeout: 10, 10s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "Extra request header (repeatable).")
  List<String> headers;

  @Option(names = "--insecure", description = "Do not verify TLS certificates (prints a warning).")
  boolean insecure;

  @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the CA certificates in this PEM file.")
  Path cacert;

  private TlsSettings tls;

  public Duration timeout() {
    Duration d = Durations.parse(timeout);
    if (d.isZero() || d.isNegative()) {
      throw CdsException.usage("--timeout must be positive");
    }
    return d;
  }

  public Endpoints endpoints(CliContext ctx, String positional) {
    return Endpoints.of(positional != null ? positional : base);
  }

  public Map<String, String> headers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String h : headers == null ? List.<String>of() : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw CdsException.usage("-H '" + h + "': expected 'Name: value'");
      }
      out.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    return out;
  }

  /** The transport for this run: logging on stderr under --verbose, warning once under --insecure. */
  public Transport transport(CliContext ctx, GlobalOptions global) {
    if (insecure) {
      ctx.err().println("cds: warning: --insecure: TLS certificates are NOT verified");
    }
    Transport t = new UrlConnectionTransport(tls());
    return global.verbose() ? new VerboseTransport(t, ctx.err()) : t;
  }

  /** How https is verified for this run (built lazily, on the first https URL). */
  public TlsSettings tls() {
    if (tls == null) {
      tls = new TlsSettings(cacert, insecure);
    }
    return tls;
  }

  public CdsClient client(CliContext ctx, GlobalOptions global, String positionalBase, Transport transport,
      Authorizer authorizer) {
    return new CdsClient(transport, endpoints(ctx, positionalBase), authorizer, headers(), timeout());
  }
}
