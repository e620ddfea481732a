package dev.cds.load;

import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 keep-alive connection owned by one load worker: each request goes out in a single
 * write and the answer is read straight from the socket. {@code HttpURLConnection} spends about
 * four times the CPU per request (connection objects, header maps, the keep-alive cache, a flush
 * between headers and body), which on a shared machine made the client, not the service, the
 * limit of a load test. Understands Content-Length, chunked and close-delimited bodies; reconnects
 * when the server closed an idle connection. Only the load test uses it (see DESIGN.md).
 */
final class KeepAliveConnection implements Closeable {
  private static final byte[] CRLF = {'\r', '\n'};

  private final URI uri;
  private final TlsSettings tls;
  private final int timeoutMillis;
  private final byte[] requestHead;
  private final byte[] buffer = new byte[16 * 1024];
  private int pos;
  private int limit;
  private boolean received;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final ByteArrayOutputStream request = new ByteArrayOutputStream(4096);
  private Map<String, String> lastHeaders;
  private byte[] lastHeaderBytes;

  KeepAliveConnection(URI uri, TlsSettings tls, Duration timeout) {
    this.uri = uri;
    this.tls = tls;
    this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    int port = port(uri);
    boolean defaultPort = port == ("https".equals(uri.getScheme()) ? 443 : 80);
    this.requestHead = ("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + (defaultPort ? "" : ":" + port)
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends {@code call} (a POST with its headers and body) and reads the whole answer. */
  HttpResult exchange(HttpCall call) throws IOException {
    serialise(call);
    long start = System.nanoTime();
    boolean reused = socket != null;
    if (!reused) {
      connect();
    }
    received = false;
    try {
      request.writeTo(out);
      out.flush();
      return read(start);
    } catch (EOFException | java.net.SocketException e) {
      close();
      if (!reused || received) {
        throw e;
      }
      // a kept-alive connection the server had closed while idle, before any answer: once more
      connect();
      request.writeTo(out);
      out.flush();
      return read(start);
    }
  }

  /** The whole request into {@link #request}, written later in one piece; unchanged headers are not re-encoded. */
  private void serialise(HttpCall call) {
    if (!call.headers().equals(lastHeaders)) {
      ByteArrayOutputStream headers = new ByteArrayOutputStream(512);
      for (Map.Entry<String, String> h : call.headers().entrySet()) {
        if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
          headers.writeBytes((h.getKey() + ": " + h.getValue()).getBytes(StandardCharsets.UTF_8));
          headers.writeBytes(CRLF);
        }
      }
      lastHeaders = call.headers();
      lastHeaderBytes = headers.toByteArray();
    }
    byte[] body = call.body() == null ? new byte[0] : call.body();
    request.reset();
    request.writeBytes(requestHead);
    request.writeBytes(lastHeaderBytes);
    request.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(body);
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(uri.getHost(), port(uri)), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      if ("https".equals(uri.getScheme())) {
        SSLSocket ssl = (SSLSocket) tls.socketFactoryOrDefault().createSocket(s, uri.getHost(), port(uri), true);
        if (!tls.insecure()) {
          SSLParameters params = ssl.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          ssl.setSSLParameters(params);
        }
        ssl.startHandshake();
        s = ssl;
      }
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    pos = 0;
    limit = 0;
  }

  private HttpResult read(long start) throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new ProtocolException("not an HTTP/1.x answer: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (RuntimeException e) {
      throw new ProtocolException("malformed status line: " + statusLine);
    }
    Map<String, List<String>> headers = new TreeMap<>();
    long length = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("malformed header: " + h);
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      headers.put(name, List.of(value));
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    byte[] body;
    if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
      body = new byte[0];
    } else if (chunked) {
      body = chunkedBody();
    } else if (length >= 0) {
      body = exactly(length);
    } else {
      body = untilClose();
      close = true;
    }
    if (close) {
      close();
    }
    return new HttpResult(status, headers, body, Duration.ofNanos(System.nanoTime() - start));
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers are not needed
        }
        return body.toByteArray();
      }
      body.writeBytes(exactly(n));
      line();
    }
  }

  private byte[] exactly(long n) throws IOException {
    if (n > Integer.MAX_VALUE - 8) {
      throw new ProtocolException("answer too large: " + n + " bytes");
    }
    byte[] out = new byte[(int) n];
    int filled = 0;
    while (filled < n) {
      if (pos == limit) {
        fill();
      }
      int take = Math.min(limit - pos, out.length - filled);
      System.arraycopy(buffer, pos, out, filled, take);
      pos += take;
      filled += take;
    }
    return out;
  }

  private byte[] untilClose() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(buffer, pos, limit - pos);
    pos = limit;
    in.transferTo(body);
    return body.toByteArray();
  }

  /** One header line without its CRLF (ISO-8859-1, as HTTP/1.1 headers are). */
  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      if (pos == limit) {
        fill();
      }
      byte b = buffer[pos++];
      if (b == '\n') {
        int end = sb.length();
        return end > 0 && sb.charAt(end - 1) == '\r' ? sb.substring(0, end - 1) : sb.toString();
      }
      sb.append((char) (b & 0xff));
      if (sb.length() > 16 * 1024) {
        throw new ProtocolException("header line too long");
      }
    }
  }

  private void fill() throws IOException {
    int n = in.read(buffer);
    if (n < 0) {
      throw new EOFException("the server closed the connection");
    }
    pos = 0;
    limit = n;
    received = true;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing more to read or write on it either way
      }
      socket = null;
    }
  }
}
