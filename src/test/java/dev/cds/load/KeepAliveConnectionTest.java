package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The load test's own HTTP/1.1 connection against a raw socket server that frames answers every legal way. */
class KeepAliveConnectionTest {
  /** Answers each request on a connection with {@code reply.apply(n)}; closes after it when the reply says so. */
  static final class RawServer implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    RawServer(IntFunction<String> reply, boolean closeAfterEach) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            connections.incrementAndGet();
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (readRequest(in)) {
              out.write(reply.apply(requests.incrementAndGet()).getBytes(StandardCharsets.ISO_8859_1));
              out.flush();
              if (closeAfterEach) {
                break;
              }
            }
          } catch (IOException ignored) {
            // the client went away
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    /** Reads one request (headers, then Content-Length bytes); false at end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        head.append((char) b);
        if (head.toString().endsWith("\r\n\r\n")) {
          int at = head.indexOf("Content-Length: ");
          int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
          in.readNBytes(length);
          return true;
        }
      }
      return false;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/cds-services/x");
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static HttpCall call(URI uri) {
    return HttpCall.postJson(uri, "{\"hook\":\"patient-view\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
  }

  @Test
  void contentLengthAnswersReuseOneConnection() throws Exception {
    try (RawServer server = new RawServer(n -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"cards\":[]}", false);
         KeepAliveConnection c = new KeepAliveConnection(server.uri(), TlsSettings.defaults(), Duration.ofSeconds(2))) {
      for (int i = 0; i < 5; i++) {
        HttpResult r = c.exchange(call(server.uri()));
        assertEquals(200, r.status());
        assertEquals("{\"cards\":[]}", r.bodyText());
        assertEquals("application/json", r.header("content-type"));
      }
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void chunkedAnswersAreReassembled() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{\"car\r\n7\r\nds\":[]}\r\n0\r\nX-Trailer: y\r\n\r\n";
    try (RawServer server = new RawServer(n -> chunked, false);
         KeepAliveConnection c = new KeepAliveConnection(server.uri(), TlsSettings.defaults(), Duration.ofSeconds(2))) {
      assertEquals("{\"cards\":[]}", c.exchange(call(server.uri())).bodyText());
      assertEquals("{\"cards\":[]}", c.exchange(call(server.uri())).bodyText());
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void closeDelimitedAndClosedConnectionsReconnect() throws Exception {
    try (RawServer server = new RawServer(n -> "HTTP/1.0 500 Oops\r\nContent-Type: text/plain\r\n\r\nbroken " + n, true);
         KeepAliveConnection c = new KeepAliveConnection(server.uri(), TlsSettings.defaults(), Duration.ofSeconds(2))) {
      HttpResult first = c.exchange(call(server.uri()));
      assertEquals(500, first.status());
      assertEquals("broken 1", first.bodyText());
      assertEquals("broken 2", c.exchange(call(server.uri())).bodyText());
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void idleConnectionClosedByTheServerIsRetriedOnce() throws Exception {
    // keep-alive promised, then the server drops the connection after each answer
    try (RawServer server = new RawServer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", true);
         KeepAliveConnection c = new KeepAliveConnection(server.uri(), TlsSettings.defaults(), Duration.ofSeconds(2))) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, c.exchange(call(server.uri())).status());
      }
      assertEquals(3, server.requests.get(), "each request sent exactly once");
    }
  }

  @Test
  void garbageIsAProtocolError() throws Exception {
    try (RawServer server = new RawServer(n -> "SMTP ready\r\n\r\n", true);
         KeepAliveConnection c = new KeepAliveConnection(server.uri(), TlsSettings.defaults(), Duration.ofSeconds(2))) {
      assertThrows(java.net.ProtocolException.class, () -> c.exchange(call(server.uri())));
    }
  }
}
