package dev.cds.cli;

import dev.cds.core.ByteSizes;
import dev.cds.core.CdsException;
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

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Bound on each whole exchange (connect, headers, body): 10, 10s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "Extra request header (repeatable).")
  List<String> headers;

  @Option(names = "--insecure", description = "Do not verify TLS certificates (prints a warning).")
  boolean insecure;

  @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the CA certificates in this PEM file.")
  Path cacert;

  @Option(names = "--cert", paramLabel = "FILE",
      description = "Client certificate for mutual TLS: PEM (with --cert-key) or PKCS#12 (.p12/.pfx; password in"
          + " CDS_CERT_PASSWORD). Used for services, token endpoints and FHIR servers alike.")
  Path cert;

  @Option(names = "--cert-key", paramLabel = "FILE", description = "The PKCS#8 PEM private key of --cert.")
  Path certKey;

  @Option(names = "--proxy", paramLabel = "URL",
      description = "HTTP proxy for every request (default: HTTPS_PROXY / HTTP_PROXY, except NO_PROXY hosts).")
  String proxy;

  @Option(names = "--max-response-size", paramLabel = "SIZE", defaultValue = "32MB",
      description = "Largest answer accepted from any server; more is a failure (default: ${DEFAULT-VALUE}).")
  String maxResponseSize;

  /** {@code --max-response-size} in bytes: the one cap for calls, discovery and load runs alike. */
  long maxResponseBytes() {
    return ByteSizes.parse(maxResponseSize);
  }

  @Option(names = "--refresh", description = "Ask the server for discovery instead of using the cached document.")
  boolean refresh;

  @Option(names = "--discovery-ttl", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long a discovery document is kept in $XDG_CACHE_HOME/cds/discovery; 0 turns the cache off"
          + " (default: ${DEFAULT-VALUE}).")
  Duration discoveryTtl;

  Duration timeout() {
    Duration d = timeout;
    if (d.isZero() || d.isNegative()) {
      throw CdsException.usage("--timeout must be positive");
    }
    return d;
  }

  Map<String, String> headers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String h : headers == null ? List.<String>of() : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw CdsException.usage("-H '" + h + "': expected 'Name: value'");
      }
      if (h.indexOf('\r') >= 0 || h.indexOf('\n') >= 0) {
        throw CdsException.usage("-H: a header may not contain a line break (CR or LF): give one header per -H");
      }
      String name = h.substring(0, colon).trim();
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw CdsException.usage("-H '" + name + "': not a valid header name (letters, digits and - only)");
      }
      out.put(name, h.substring(colon + 1).trim());
    }
    return out;
  }
}
