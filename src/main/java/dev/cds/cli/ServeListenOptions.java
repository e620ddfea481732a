package dev.cds.cli;

import dev.cds.core.ByteSizes;
import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import dev.cds.serve.CdsServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code cds serve} listens, the URL clients know it by, and what it takes from them. */
final class ServeListenOptions {
  /** Bodies beyond this are not worth holding in memory for a test service. */
  private static final long MAX_REQUEST_SIZE_CAP = 1L << 30;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The base URL clients call, when not the bound address (a host name, a proxy): a JWT's aud"
          + " must name it (default: the bound address, as printed).")
  String publicUrl;

  @Option(names = "--threads", defaultValue = "16",
      description = "Requests answered at once (default: ${DEFAULT-VALUE}); clients still sending do not count.")
  int threads;

  @Option(names = "--max-request-size", paramLabel = "SIZE", defaultValue = "1MB",
      description = "Largest request body accepted, e.g. 512KB, 4MB; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  String maxRequestSize;

  @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "Time a client has to send a whole request, headers and body, in whole seconds; slower"
          + " connections are closed (default: ${DEFAULT-VALUE}).")
  String readTimeout;

  CdsServer.Limits limits() {
    long size = ByteSizes.parse(maxRequestSize);
    if (size < 1 || size > MAX_REQUEST_SIZE_CAP) {
      throw CdsException.usage("--max-request-size " + maxRequestSize + " is out of range: 1 byte to 1GB");
    }
    Duration timeout = Durations.parse(readTimeout);
    if (timeout.toMillis() < 1000) {
      throw CdsException.usage("--read-timeout " + readTimeout + " is too short: at least 1s");
    }
    return new CdsServer.Limits((int) size, timeout);
  }

  /** The checked {@code --public-url}, or null. */
  String publicUrl() {
    if (publicUrl == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(publicUrl);
    } catch (URISyntaxException e) {
      throw CdsException.usage("--public-url " + publicUrl + " is not a URL: " + e.getReason());
    }
    boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw CdsException.usage("--public-url takes the base URL clients call, e.g. https://cds.example.org"
          + " (http or https, a host, no user, query or fragment)");
    }
    return publicUrl;
  }

  /** The names clients may use beyond the loopback ones, for a made certificate: the bound host, the public URL's. */
  List<String> certificateNames() {
    List<String> names = new ArrayList<>();
    if (!isWildcard(host)) {
      names.add(host);
    }
    String url = publicUrl();
    if (url != null) {
      String h = URI.create(url).getHost();
      names.add(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
    }
    return names;
  }

  int threads() {
    return Math.max(1, threads);
  }

  private static boolean isWildcard(String host) {
    try {
      return InetAddress.getByName(host).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
