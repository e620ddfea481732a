package dev.cds.conformance;

import dev.cds.http.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange over a plain or TLS socket, for what the JDK's HTTP stack will not send:
 * a CORS preflight carries {@code Origin} and {@code Access-Control-Request-*}, headers
 * {@code HttpURLConnection} silently drops. Reads the status line and headers only.
 */
final class RawHttp {
  /** Headers larger than this are not a CDS service's answer to a preflight. */
  private static final int MAX_HEAD = 64 * 1024;

  /** Status and headers (names in lower case, repeated values joined with ", "). */
  record Head(int status, Map<String, String> headers, long elapsedMillis) {}

  private RawHttp() {}

  static Head exchange(String method, URI uri, Map<String, String> headers, TlsSettings tls, Duration timeout)
      throws IOException {
    long start = System.nanoTime();
    try (Socket socket = open(uri, tls, timeout)) {
      StringBuilder req = new StringBuilder();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      req.append("Host: ").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append("\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream(), start);
    }
  }

  /** Connects, and for https completes a handshake that checks the certificate and the host name (unless insecure). */
  static Socket open(URI uri, TlsSettings tls, Duration timeout) throws IOException {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(uri.getHost(), port), millis);
      plain.setSoTimeout(millis);
      if (!https) {
        return plain;
      }
      SSLSocket ssl = (SSLSocket) tls.socketFactoryOrDefault().createSocket(plain, uri.getHost(), port, true);
      if (!tls.insecure()) {
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
      }
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static Head read(InputStream in, long start) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
      if (head.size() > MAX_HEAD) {
        throw new IOException("the response headers are larger than " + MAX_HEAD / 1024 + " KiB");
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP response: " + Excerpts.clean(lines[0]));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        headers.merge(name, value, (a, b) -> a + ", " + b);
      }
    }
    return new Head(Integer.parseInt(statusLine[1]), headers, (System.nanoTime() - start) / 1_000_000);
  }
}
