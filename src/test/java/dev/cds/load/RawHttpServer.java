package dev.cds.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server on a raw {@link ServerSocket}, a thread per connection, that answers
 * each request however the test says: any bytes, late, a reset, a close. For the framing and
 * failures a real server library would never produce.
 */
public final class RawHttpServer implements AutoCloseable {
  /** Decides what to do with one request. */
  @FunctionalInterface
  public interface Reply {
    void answer(Exchange ex) throws IOException;
  }

  /** One received request and the means to answer it. */
  public static final class Exchange {
    /** 1-based count of requests over the server's life, and on this connection. */
    public final int number;
    public final int onConnection;
    public final String requestLine;
    public final String body;
    private final Socket socket;
    boolean closed;

    Exchange(int number, int onConnection, String requestLine, String body, Socket socket) {
      this.number = number;
      this.onConnection = onConnection;
      this.requestLine = requestLine;
      this.body = body;
      this.socket = socket;
    }

    public void send(String raw) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** A complete JSON answer with a Content-Length. */
    public void json(String json) throws IOException {
      send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json);
    }

    /** Resets the connection (RST, not FIN): the client sees "connection reset". */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
      closed = true;
    }

    public void close() throws IOException {
      socket.close();
      closed = true;
    }

    public static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final ServerSocket server;
  private final Reply reply;
  public final AtomicInteger connections = new AtomicInteger();
  public final AtomicInteger requests = new AtomicInteger();
  public final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  public RawHttpServer(Reply reply) throws IOException {
    this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    this.reply = reply;
    Thread accept = new Thread(this::accept, "raw-http-accept");
    accept.setDaemon(true);
    accept.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "raw-http");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      for (int onConnection = 1; ; onConnection++) {
        String head = head(in);
        if (head == null) {
          return;
        }
        String body = new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8);
        bodies.add(body);
        Exchange ex = new Exchange(requests.incrementAndGet(), onConnection, head.substring(0, head.indexOf("\r\n")),
            body, s);
        reply.answer(ex);
        if (ex.closed) {
          return;
        }
      }
    } catch (IOException gone) {
      // the client went away or the test closed the server
    }
  }

  /** The request line and headers, or null at the end of the stream. */
  private static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        return head.toString();
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  public String base() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  URI uri() {
    return URI.create(base() + "/cds-services/x");
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
