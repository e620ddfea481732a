package dev.cds.http;

import dev.cds.core.CdsException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Turns the JDK's network exceptions into one line that names the cause and what to try. */
public final class NetworkErrors {
  private NetworkErrors() {}

  public static CdsException describe(IOException e, String url, java.time.Duration timeout) {
    return CdsException.service(message(e, url, timeout), e);
  }

  static String message(IOException e, String url, java.time.Duration timeout) {
    String host = hostOf(url);
    if (e instanceof UnknownHostException) {
      return "unknown host " + host + " (" + url + "): check the base URL";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "connection refused by " + host + " (" + url + "): is the service running?";
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer from " + url + " within " + dev.cds.core.Durations.format(timeout)
          + ": raise --timeout or check the service"
          // a plain-http server never answers a TLS hello: the only symptom is this timeout
          + (url.startsWith("https:") ? " (or, if it speaks plain http, use an http:// URL)" : "");
    }
    if (e instanceof SSLException) {
      return "TLS failure talking to " + host + ": " + e.getMessage()
          + " (use --cacert FILE for a private CA, or --insecure to skip verification)";
    }
    if (e instanceof SocketException) {
      return "connection to " + host + " failed: " + e.getMessage() + " (" + url + ")";
    }
    return "request to " + url + " failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String hostOf(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
