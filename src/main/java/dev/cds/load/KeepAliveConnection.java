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
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 keep-alive connection owned by one load worker: each request goes out in a single
 * write and the answer is read straight from the socket. {@code HttpURLConnection} spends about
 * four times the CPU per request (connection objects, header maps, the keep-alive cache, a flush
 * between headers and body), which on a shared machine made the client, not the service, the
 * limit of a load test. Only the load test uses it (see DESIGN.md).
 *
 * <p>What a load test must be able to trust (RFC 9112 for the framing):
 * <ul>
 *   <li>A request is sent once. A hook POST is not idempotent (RFC 9110 §9.2.2), so a failed
 *       attempt is the caller's error to count, never retried here. A connection idle for a
 *       while is checked before it is used, so a server's idle close is noticed without a request.
 *   <li>Any failure closes the connection: after a timeout the late answer would otherwise be
 *       read as the next request's.
 *   <li>The timeout bounds the whole exchange (connect, headers and body), not each read.
 *   <li>Framing that cannot be trusted (a Content-Length that is not a number, given twice or
 *       next to Transfer-Encoding, a bad chunk size, a body shorter than announced, bytes after
 *       the end) is a {@link ProtocolException}; an answer over the size cap is
 *       {@link ResponseTooLarge}, found before it is buffered: nothing is allocated from a
 *       Content-Length.
 * </ul>
 */
final class KeepAliveConnection implements Closeable {
  /** The cap on one answer unless told otherwise. */
  static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;
  private static final byte[] CRLF = {'\r', '\n'};
  /** Status line, headers and trailers together; real CDS services send a few hundred bytes. */
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int FIRST_BODY_BUFFER = 16 * 1024;
  /** A connection idle longer than this is checked before a request goes out on it. */
  private static final long CHECK_IDLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final URI uri;
  private final TlsSettings tls;
  private final long timeoutNanos;
  private final long maxResponseBytes;
  private final byte[] requestHead;
  private final byte[] buffer = new byte[16 * 1024];
  private final ByteBuffer probe = ByteBuffer.allocate(1);
  private final ByteArrayOutputStream request = new ByteArrayOutputStream(4096);
  private Map<String, String> lastHeaders;
  private byte[] lastHeaderBytes;
  private int pos;
  private int limit;
  private int headBytes;
  private boolean answering;
  private long deadlineNanos;
  private long idleSinceNanos;
  private long keepAliveNanos = Long.MAX_VALUE;
  private volatile SocketChannel channel;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveConnection(URI uri, TlsSettings tls, Duration timeout) {
    this(uri, tls, timeout, DEFAULT_MAX_RESPONSE_BYTES);
  }

  KeepAliveConnection(URI uri, TlsSettings tls, Duration timeout, long maxResponseBytes) {
    this.uri = uri;
    this.tls = tls;
    this.timeoutNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), timeout.toNanos());
    this.maxResponseBytes = maxResponseBytes;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    int port = port(uri);
    boolean defaultPort = port == ("https".equals(uri.getScheme()) ? 443 : 80);
    this.requestHead = ("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + (defaultPort ? "" : ":" + port)
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends {@code call} (a POST with its headers and body) once and reads the whole answer. */
  HttpResult exchange(HttpCall call) throws IOException {
    serialise(call);
    long start = System.nanoTime();
    deadlineNanos = start + timeoutNanos;
    try {
      if (socket != null && !reusable(start)) {
        close();
      }
      if (socket == null) {
        connect();
      }
      request.writeTo(out);
      out.flush();
      HttpResult r = read(start);
      idleSinceNanos = System.nanoTime();
      return r;
    } catch (IOException | RuntimeException e) {
      // the stream is at an unknown point: whatever arrives on it later belongs to no request
      close();
      throw e;
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

  /**
   * False when a kept connection should not carry the next request: idle past the server's
   * Keep-Alive timeout, or closed (or written to) by the server while idle, which a non-blocking
   * read sees at once. A busy connection is not checked: its idle time is too short to matter.
   */
  private boolean reusable(long now) {
    long idle = now - idleSinceNanos;
    if (idle >= keepAliveNanos) {
      return false;
    }
    if (idle < CHECK_IDLE_AFTER_NANOS) {
      return true;
    }
    try {
      channel.configureBlocking(false);
      probe.clear();
      boolean quiet = channel.read(probe) == 0;
      channel.configureBlocking(true);
      return quiet;
    } catch (IOException e) {
      return false;
    }
  }

  private void connect() throws IOException {
    SocketChannel ch = SocketChannel.open();
    Socket s = ch.socket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(uri.getHost(), port(uri)), remainingMillis());
      s.setSoTimeout(remainingMillis());
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
      ch.close();
      throw e;
    }
    channel = ch;
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    pos = 0;
    limit = 0;
    keepAliveNanos = Long.MAX_VALUE;
  }

  private HttpResult read(long start) throws IOException {
    answering = false;
    headBytes = 0;
    Head head = head();
    // interim answers (103 Early Hints, a stray 100 Continue) come before the real one
    while (head.status >= 100 && head.status < 200 && head.status != 101) {
      head = head();
    }
    byte[] body;
    boolean close = head.close;
    if (head.status < 200 || head.status == 204 || head.status == 304) {
      body = new byte[0];
    } else if (head.transferEncoding != null) {
      if (head.chunked()) {
        body = chunkedBody();
      } else {
        // a transfer coding other than chunked last: the body runs to the end of the connection (RFC 9112 §6.3)
        body = untilClose();
        close = true;
      }
    } else if (head.length >= 0) {
      body = exactly(head.length);
    } else {
      body = untilClose();
      close = true;
    }
    if (pos < limit) {
      throw new ProtocolException("more bytes than the answer framed (a body longer than its Content-Length?)");
    }
    if (close) {
      close();
    } else if (head.keepAliveSeconds >= 0) {
      keepAliveNanos = TimeUnit.SECONDS.toNanos(head.keepAliveSeconds);
    }
    return new HttpResult(head.status, head.headers, body, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The status line and headers of one answer, with the framing they declare. */
  private static final class Head {
    int status;
    final Map<String, List<String>> headers = new TreeMap<>();
    long length = -1;
    String transferEncoding;
    boolean close;
    long keepAliveSeconds = -1;

    boolean chunked() {
      String[] codings = transferEncoding.split(",");
      return codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
    }
  }

  private Head head() throws IOException {
    Head head = new Head();
    String statusLine = line();
    head.status = status(statusLine);
    boolean http10 = statusLine.startsWith("HTTP/1.0");
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t') {
        throw new ProtocolException("malformed header line: " + excerpt(h));
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      head.headers.merge(name, List.of(value), KeepAliveConnection::concat);
    }
    List<String> lengths = head.headers.get("content-length");
    List<String> codings = head.headers.get("transfer-encoding");
    if (codings != null) {
      if (lengths != null) {
        throw new ProtocolException("both Transfer-Encoding and Content-Length: the body's end is ambiguous");
      }
      head.transferEncoding = String.join(",", codings);
    } else if (lengths != null) {
      if (lengths.size() > 1) {
        throw new ProtocolException("Content-Length given " + lengths.size() + " times: " + String.join(", ", lengths));
      }
      head.length = contentLength(lengths.get(0));
    }
    String connection = String.join(",", head.headers.getOrDefault("connection", List.of())).toLowerCase(Locale.ROOT);
    head.close = http10 ? !hasToken(connection, "keep-alive") : hasToken(connection, "close");
    List<String> keepAlive = head.headers.get("keep-alive");
    if (keepAlive != null) {
      head.keepAliveSeconds = keepAliveTimeout(keepAlive.get(0));
    }
    return head;
  }

  /** {@code HTTP/1.x NNN[ reason]}; anything else is not an HTTP/1 answer. */
  private static int status(String line) throws ProtocolException {
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolException("not an HTTP/1.x status line: " + excerpt(line));
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("malformed status code: " + excerpt(line));
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100) {
      throw new ProtocolException("malformed status code: " + excerpt(line));
    }
    return status;
  }

  /** One or more digits (RFC 9110 §8.6); a length past the cap fails before any of the body is read. */
  private long contentLength(String value) throws IOException {
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ProtocolException("Content-Length is not a number: '" + excerpt(value) + "'");
    }
    long n = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    if (n > maxResponseBytes) {
      throw tooLarge(n);
    }
    return n;
  }

  private byte[] chunkedBody() throws IOException {
    Body body = new Body(FIRST_BODY_BUFFER);
    while (true) {
      String line = line();
      int semi = line.indexOf(';');
      String size = (semi >= 0 ? line.substring(0, semi) : line).trim();
      if (size.isEmpty() || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new ProtocolException("malformed chunk size: " + excerpt(line));
      }
      if (size.length() > 15) {
        throw tooLarge(Long.MAX_VALUE);
      }
      long n = Long.parseLong(size, 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers are not needed; line() holds them to the head's cap
        }
        return body.bytes();
      }
      if (body.size + n > maxResponseBytes) {
        throw tooLarge(body.size + n);
      }
      copy(n, body);
      if (!line().isEmpty()) {
        throw new ProtocolException("a chunk is longer than its size");
      }
    }
  }

  private byte[] exactly(long n) throws IOException {
    Body body = new Body((int) Math.min(n, FIRST_BODY_BUFFER));
    copy(n, body);
    return body.bytes();
  }

  private void copy(long n, Body body) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == limit) {
        fill();
      }
      int take = (int) Math.min(limit - pos, left);
      body.append(buffer, pos, take);
      pos += take;
      left -= take;
    }
  }

  private byte[] untilClose() throws IOException {
    Body body = new Body(FIRST_BODY_BUFFER);
    while (true) {
      if (body.size + (limit - pos) > maxResponseBytes) {
        throw tooLarge(body.size + (limit - pos));
      }
      body.append(buffer, pos, limit - pos);
      pos = limit;
      if (!readMore()) {
        return body.bytes();
      }
    }
  }

  /** One line of the head (or a chunk size) without its CRLF, ISO-8859-1 as HTTP/1.1 heads are, held to the head's cap. */
  private String line() throws IOException {
    StringBuilder partial = null;
    while (true) {
      if (pos == limit) {
        fill();
      }
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      headBytes += pos - start;
      if (headBytes > MAX_HEAD_BYTES) {
        throw new ProtocolException("the answer's head is over " + MAX_HEAD_BYTES / 1024 + " KB");
      }
      String piece = new String(buffer, start, pos - start, StandardCharsets.ISO_8859_1);
      if (pos < limit) {
        pos++;
        headBytes++;
        String line = partial == null ? piece : partial.append(piece).toString();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      }
      partial = partial == null ? new StringBuilder(piece) : partial.append(piece);
    }
  }

  /** More bytes into the empty buffer, or an exception: the answer cannot end here. */
  private void fill() throws IOException {
    if (!readMore()) {
      if (answering) {
        throw new ProtocolException("the connection closed in the middle of the answer");
      }
      throw new EOFException("the server closed the connection without answering");
    }
  }

  /** Reads into the empty buffer within what is left of the exchange's time; false at the end of the stream. */
  private boolean readMore() throws IOException {
    socket.setSoTimeout(remainingMillis());
    int n = in.read(buffer);
    if (n < 0) {
      return false;
    }
    pos = 0;
    limit = n;
    answering = true;
    return true;
  }

  private int remainingMillis() throws SocketTimeoutException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("no complete answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
  }

  private ResponseTooLarge tooLarge(long bytes) {
    return new ResponseTooLarge("the answer is over the " + maxResponseBytes + "-byte cap"
        + (bytes == Long.MAX_VALUE ? "" : " (" + bytes + " bytes)"));
  }

  /** A body growing as its bytes arrive (never sized from what the server announced), within the cap. */
  private final class Body {
    private byte[] bytes;
    private long size;

    Body(int initial) {
      bytes = new byte[initial];
    }

    void append(byte[] from, int offset, int length) throws ResponseTooLarge {
      if (size + length > maxResponseBytes) {
        throw tooLarge(size + length);
      }
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(maxResponseBytes, Math.max(size + length, 2L * bytes.length)));
      }
      System.arraycopy(from, offset, bytes, (int) size, length);
      size += length;
    }

    byte[] bytes() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, (int) size);
    }
  }

  private static boolean hasToken(String list, String token) {
    for (String t : list.split(",")) {
      if (t.trim().equals(token)) {
        return true;
      }
    }
    return false;
  }

  /** {@code timeout=5, max=100} → 5; -1 when absent or unreadable. */
  private static long keepAliveTimeout(String value) {
    for (String part : value.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("timeout=")) {
        try {
          return Long.parseLong(p.substring(8).trim());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String excerpt(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }

  /** Closes the connection from another thread (a run being stopped): a blocked read ends at once. */
  void abort() {
    SocketChannel ch = channel;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing is all that was wanted
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
        channel.close();
      } catch (IOException ignored) {
        // nothing more to read or write on it either way
      }
      socket = null;
      channel = null;
    }
  }
}
