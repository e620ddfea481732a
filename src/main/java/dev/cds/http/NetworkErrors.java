package dev.cds.http;

import dev.cds.core.Durations;
import dev.cds.core.Setting;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns the JDK's network exceptions into typed failures whose one line names the cause and what to try. */
public final class NetworkErrors {
  private NetworkErrors() {}

  public static HttpFailure describe(IOException e, String url, Duration timeout) {
    if (e instanceof HttpFailureIo wrapped) {
      return wrapped.failure();
    }
    String host = hostOf(url);
    if (e instanceof UnknownHostException) {
      return new HttpFailure(HttpFailure.Kind.UNKNOWN_HOST, url, 0,
          "unknown host " + host + " (" + url + "): check the base URL", e);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new HttpFailure(HttpFailure.Kind.REFUSED, url, 0,
          "connection refused by " + host + " (" + url + "): is the service running?", e);
    }
    if (e instanceof SocketTimeoutException) {
      return timeout(url, timeout, e);
    }
    if (e instanceof SSLException) {
      return new HttpFailure(HttpFailure.Kind.TLS, url, 0, e, "TLS failure talking to {0}: {1} (use {2} FILE for a"
          + " private CA, or {3} to skip verification)", host, e.getMessage(), Setting.CA_CERT, Setting.INSECURE);
    }
    if (e instanceof SocketException) {
      return new HttpFailure(HttpFailure.Kind.CONNECTION, url, 0,
          "connection to " + host + " failed: " + e.getMessage() + " (" + url + ")", e);
    }
    return new HttpFailure(HttpFailure.Kind.CONNECTION, url, 0, "request to " + url + " failed: "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
  }

  /** No complete answer within the timeout. */
  public static HttpFailure timeout(String url, Duration timeout, Throwable cause) {
    return new HttpFailure(HttpFailure.Kind.TIMEOUT, url, 0, cause, "no answer from {0} within {1}: raise {2} or check"
        + " the service{3}", url, Durations.format(timeout), Setting.TIMEOUT,
        // a plain-http server never answers a TLS hello: the only symptom is this timeout
        url.startsWith("https:") ? " (or, if it speaks plain http, use an http:// URL)" : "");
  }

  static String hostOf(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  /** Carries a typed failure through an {@link IOException}-throwing transport. */
  public static final class HttpFailureIo extends IOException {
    private final HttpFailure failure;

    public HttpFailureIo(HttpFailure failure) {
      super(failure.getMessage(), failure);
      this.failure = failure;
    }

    public HttpFailure failure() {
      return failure;
    }
  }
}
