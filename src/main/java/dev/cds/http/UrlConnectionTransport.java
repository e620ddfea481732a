package dev.cds.http;

import dev.cds.core.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;

/**
 * The JDK's {@link HttpURLConnection}: about half a second cheaper per process than
 * {@code java.net.http.HttpClient} (see DESIGN.md), keeps connections alive between calls, and
 * touches TLS only for https URLs. Hardened against peers cds does not control:
 * <ul>
 *   <li>redirects are never followed (as curl by default): a 3xx is a failure naming its
 *       {@code Location}, so credentials are never re-sent anywhere;
 *   <li>the timeout bounds the whole exchange (connect, headers, body), not each read: a server
 *       trickling a byte a second is cut off at the deadline;
 *   <li>bodies are capped, and a larger {@code Content-Length} is refused before reading.
 * </ul>
 */
public final class UrlConnectionTransport implements Transport {
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  private final TlsSettings tls;
  private final long maxResponseBytes;
  private final ProxySettings proxies;
  private ScheduledExecutorService watchdog;

  public UrlConnectionTransport(TlsSettings tls) {
    this(tls, DEFAULT_MAX_RESPONSE_BYTES, ProxySettings.NONE);
  }

  public UrlConnectionTransport(TlsSettings tls, long maxResponseBytes, ProxySettings proxies) {
    this.tls = tls;
    this.maxResponseBytes = maxResponseBytes;
    this.proxies = proxies;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    long start = System.nanoTime();
    long deadline = start + call.timeout().toNanos();
    URI proxy = proxies.proxyFor(call.uri());
    HttpURLConnection conn = (HttpURLConnection) (proxy == null ? call.uri().toURL().openConnection()
        : call.uri().toURL().openConnection(proxies.proxy(proxy)));
    if (conn instanceof HttpsURLConnection https) {
      if (tls.socketFactory() != null) {
        https.setSSLSocketFactory(tls.socketFactory());
      }
      if (tls.hostnameVerifier() != null) {
        https.setHostnameVerifier(tls.hostnameVerifier());
      }
    }
    if (proxy != null && proxy.getRawUserInfo() != null) {
      if ("http".equals(call.uri().getScheme())) {
        conn.setRequestProperty("Proxy-Authorization", ProxySettings.authorization(proxy));
      } else {
        conn.setAuthenticator(new ProxyCredentials(proxy));
      }
    }
    conn.setConnectTimeout(remainingMillis(deadline));
    conn.setReadTimeout(remainingMillis(deadline));
    conn.setInstanceFollowRedirects(false);
    conn.setRequestMethod(call.method());
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      conn.setRequestProperty(h.getKey(), h.getValue());
    }
    CutOff expiry = new CutOff(conn);
    ScheduledFuture<?> cutOff =
        watchdog().schedule(expiry, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    try {
      return exchange(call, conn, start, deadline);
    } catch (IOException e) {
      if (expiry.expired.get() || System.nanoTime() >= deadline) {
        throw new NetworkErrors.HttpFailureIo(NetworkErrors.timeout(call.uri().toString(), call.timeout(), e));
      }
      throw e;
    } finally {
      cutOff.cancel(false);
    }
  }

  private HttpResult exchange(HttpCall call, HttpURLConnection conn, long start, long deadline) throws IOException {
    String url = call.uri().toString();
    if (call.body() != null) {
      conn.setDoOutput(true);
      // no fixed-length streaming: in that mode the JDK drops the body of a 401 (getErrorStream()
      // is null), and an OAuth token endpoint explains invalid_client in exactly that body;
      // and before a streamed POST on a kept-alive connection the JDK probes the socket with a
      // 1 ms read timeout, a millisecond added to every call
      try (OutputStream out = conn.getOutputStream()) {
        out.write(call.body());
      }
    }
    int status = conn.getResponseCode();
    if (status >= 300 && status < 400 && status != 304) {
      String location = conn.getHeaderField("Location");
      conn.disconnect();
      throw new NetworkErrors.HttpFailureIo(new HttpFailure(HttpFailure.Kind.REDIRECT, url, status,
          "HTTP " + status + " from " + url + " redirects to " + (location == null ? "(no Location)" : location)
              + ": cds follows no redirects (credentials would go along); if you trust that address, use it"));
    }
    long declared = conn.getContentLengthLong();
    if (declared > maxResponseBytes) {
      conn.disconnect();
      throw new NetworkErrors.HttpFailureIo(tooLarge(url, status, declared + " bytes declared"));
    }
    byte[] body;
    try (InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream()) {
      body = in == null ? new byte[0] : readCapped(in, conn, url, status, deadline);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : conn.getHeaderFields().entrySet()) {
      if (h.getKey() != null) {
        headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
      }
    }
    return new HttpResult(status, headers, body, Duration.ofNanos(System.nanoTime() - start));
  }

  private byte[] readCapped(InputStream in, HttpURLConnection conn, String url, int status, long deadline)
      throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    byte[] chunk = new byte[8192];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      if (buffer.size() + (long) n > maxResponseBytes) {
        conn.disconnect(); // never hand a half-read connection back to the keep-alive cache
        throw new NetworkErrors.HttpFailureIo(tooLarge(url, status, "more than " + maxResponseBytes + " bytes"));
      }
      buffer.write(chunk, 0, n);
      if (System.nanoTime() >= deadline) {
        // a trickle keeps each read short; the deadline is for the whole body
        conn.disconnect();
        throw new java.net.SocketTimeoutException("the answer was still arriving at the deadline");
      }
    }
    return buffer.toByteArray();
  }

  private HttpFailure tooLarge(String url, int status, String size) {
    return new HttpFailure(HttpFailure.Kind.TOO_LARGE, url, status, "the answer from " + url + " is too large ("
        + size + ", the limit is " + maxResponseBytes + " bytes): raise the limit if it is expected");
  }

  private static int remainingMillis(long deadline) {
    long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  private synchronized ScheduledExecutorService watchdog() {
    if (watchdog == null) {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, new DaemonThreads("cds-deadline"));
      pool.setRemoveOnCancelPolicy(true);
      watchdog = pool;
    }
    return watchdog;
  }

  /** Ends an exchange at its deadline: disconnecting closes the socket under a blocked read. */
  private static final class CutOff implements Runnable {
    private final HttpURLConnection conn;
    final AtomicBoolean expired = new AtomicBoolean();

    CutOff(HttpURLConnection conn) {
      this.conn = conn;
    }

    @Override
    public void run() {
      expired.set(true);
      conn.disconnect();
    }
  }

  /** Answers a proxy's 407 for an https tunnel with the credentials of the proxy URL, and nothing else. */
  private static final class ProxyCredentials extends Authenticator {
    private final URI proxy;

    ProxyCredentials(URI proxy) {
      this.proxy = proxy;
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      if (getRequestorType() != RequestorType.PROXY) {
        return null;
      }
      String[] parts = URLDecoder.decode(proxy.getRawUserInfo(), StandardCharsets.UTF_8).split(":", 2);
      return new PasswordAuthentication(parts[0], (parts.length > 1 ? parts[1] : "").toCharArray());
    }
  }
}
