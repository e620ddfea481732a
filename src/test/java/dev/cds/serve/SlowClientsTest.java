package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cds.cli.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris against {@code cds serve}: clients that send their headers or body a byte at a time
 * must neither take the workers (a normal request is answered at once) nor hold their
 * connection past the read deadline.
 */
class SlowClientsTest {
  static final int THREADS = 16;
  static final int READ_TIMEOUT_SECONDS = 4;
  static final String CALL = "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"1\"}}";

  @TempDir Path tmp;

  /** One slow client: what it sends first, then one more piece every half second. */
  private record Slow(Socket socket, byte[] drip) {}

  @Test
  void slowlorisDoesNotStarveTheServer() throws Exception {
    try (ServeProcess serve = ServeProcess.start(tmp, "--threads", "" + THREADS, "--read-timeout", READ_TIMEOUT_SECONDS + "s")) {
      assertEquals(200, RawHttp.exchange(serve.url(), "GET /cds-services HTTP/1.1\r\nHost: x\r\n").status(), "warm");
      attackThenCall(serve.url(), null);
    }
  }

  @Test
  void slowlorisDoesNotStarveAServerThatChecksJwts() throws Exception {
    Path keys = tmp.resolve("keys");
    assertEquals(0, Cli.cli().run("keys", "generate", "--out", keys.toString()).code());
    try (ServeProcess serve = ServeProcess.start(tmp, "--threads", "" + THREADS, "--read-timeout",
        READ_TIMEOUT_SECONDS + "s", "--jwks", keys.resolve("jwks.json").toString())) {
      String[] sign = {"jwt", "sign", "--key", keys.resolve("private-key.pem").toString(), "--iss",
          "https://ehr.example", "--aud", serve.url() + "/cds-services"};
      // the first verification pays for loading and warming the JOSE code: not what is measured here
      RawHttp.Response warm = RawHttp.exchange(serve.url(), "GET /cds-services HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + Cli.cli().run(sign).out().strip() + "\r\n");
      assertEquals(200, warm.status(), warm + serve.stderr());
      attackThenCall(serve.url(), Cli.cli().run(sign).out().strip());
    }
  }

  private void attackThenCall(String base, String token) throws Exception {
    String service = "/cds-services/patient-view-reminders";
    List<Slow> slow = new ArrayList<>();
    for (int i = 0; i < 24; i++) { // headers that never end
      slow.add(open(base, "GET /cds-services HTTP/1.1\r\nHost: x\r\nX-Slow: ", "a"));
    }
    for (int i = 0; i < 8; i++) { // a declared body that trickles
      slow.add(open(base, "POST " + service + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100000\r\n\r\n{", " "));
    }
    for (int i = 0; i < 8; i++) { // a chunked body that trickles
      slow.add(open(base, "POST " + service + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n", "1\r\n \r\n"));
    }
    AtomicBoolean dripping = new AtomicBoolean(true);
    Thread dripper = new Thread(() -> {
      while (dripping.get()) {
        for (Slow s : slow) {
          try {
            s.socket().getOutputStream().write(s.drip());
            s.socket().getOutputStream().flush();
          } catch (IOException e) {
            // closed by the server: what should happen, in time
          }
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    dripper.setDaemon(true);
    dripper.start();
    try {
      Thread.sleep(500); // every slow client is connected and has started
      String auth = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
      long start = System.nanoTime();
      RawHttp.Response discovery = RawHttp.exchange(base, "GET /cds-services HTTP/1.1\r\nHost: x\r\n" + auth);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, discovery.status(), discovery::toString);
      // well under the read deadline: not a worker freed by a timeout, but one that was never taken
      assertTrue(millis < (READ_TIMEOUT_SECONDS - 2) * 1000, "answered in " + millis + " ms while " + slow.size()
          + " slow clients hold on");
      if (token == null) {
        RawHttp.Response call = RawHttp.exchange(base, "POST " + service + " HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + CALL.length() + "\r\n",
            CALL.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, call.status(), call::toString);
      }
      // and the read deadline (plus the JDK's one-second timer) has closed every one of them
      long deadline = System.currentTimeMillis() + (READ_TIMEOUT_SECONDS + 4) * 1000L;
      for (Slow s : slow) {
        assertClosedBy(s.socket(), deadline);
      }
    } finally {
      dripping.set(false);
      for (Slow s : slow) {
        s.socket().close();
      }
    }
  }

  private static Slow open(String base, String start, String drip) throws IOException {
    Socket socket = RawHttp.connect(base);
    OutputStream out = socket.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return new Slow(socket, drip.getBytes(StandardCharsets.US_ASCII));
  }

  private static void assertClosedBy(Socket socket, long deadline) throws IOException {
    try {
      while (true) {
        int wait = (int) Math.max(1, deadline - System.currentTimeMillis());
        socket.setSoTimeout(wait);
        if (socket.getInputStream().read() == -1) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      fail("a slow client still holds its connection past the read deadline");
    } catch (IOException e) {
      // reset: closed as well
    }
  }
}
