package dev.cds.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;

/**
 * The JDK's {@link HttpURLConnection}: about half a second cheaper per process than
 * {@code java.net.http.HttpClient} (see DESIGN.md), keeps connections alive between calls, and
 * touches TLS only for https URLs.
 */
public final class UrlConnectionTransport implements Transport {
  private final TlsSettings tls;

  public UrlConnectionTransport(TlsSettings tls) {
    this.tls = tls;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    long start = System.nanoTime();
    HttpURLConnection conn = (HttpURLConnection) call.uri().toURL().openConnection();
    if (conn instanceof HttpsURLConnection https) {
      if (tls.socketFactory() != null) {
        https.setSSLSocketFactory(tls.socketFactory());
      }
      if (tls.hostnameVerifier() != null) {
        https.setHostnameVerifier(tls.hostnameVerifier());
      }
    }
    int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, call.timeout().toMillis()));
    conn.setConnectTimeout(timeout);
    conn.setReadTimeout(timeout);
    conn.setInstanceFollowRedirects(true);
    conn.setRequestMethod(call.method());
    call.headers().forEach(conn::setRequestProperty);
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
    byte[] body;
    try (InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream()) {
      body = in == null ? new byte[0] : readAll(in);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    conn.getHeaderFields().forEach((k, v) -> {
      if (k != null) {
        headers.put(k.toLowerCase(Locale.ROOT), v);
      }
    });
    return new HttpResult(status, headers, body, Duration.ofNanos(System.nanoTime() - start));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    in.transferTo(buffer);
    return buffer.toByteArray();
  }
}
