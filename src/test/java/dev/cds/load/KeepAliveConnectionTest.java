package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The load test's own HTTP/1.1 connection against raw socket servers: every legal framing, and the
 * illegal ones, huge and endless answers, late answers and closed connections (RFC 9112).
 */
class KeepAliveConnectionTest {
  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"cards\":[]}";
  private static final long MB = 1 << 20;

  private static HttpCall call(URI uri) {
    return HttpCall.postJson(uri, "{\"hook\":\"patient-view\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
  }

  private static KeepAliveConnection connection(RawHttpServer server, Duration timeout, long cap) {
    return new KeepAliveConnection(server.uri(), TlsSettings.defaults(), timeout, cap);
  }

  private static KeepAliveConnection connection(RawHttpServer server) {
    return connection(server, Duration.ofSeconds(2), MB);
  }

  @Test
  void contentLengthAnswersReuseOneConnection() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send(OK)); KeepAliveConnection c = connection(server)) {
      for (int i = 0; i < 5; i++) {
        HttpResult r = c.exchange(call(server.uri()));
        assertEquals(200, r.status());
        assertEquals("{\"cards\":[]}", r.bodyText());
        assertEquals("application/json", r.header("content-type"));
      }
      assertEquals(1, server.connections.get());
      assertEquals(5, server.requests.get());
    }
  }

  @Test
  void chunkedAnswersAreReassembled() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{\"car\r\n7\r\nds\":[]}\r\n0\r\nX-Trailer: y\r\n\r\n";
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send(chunked)); KeepAliveConnection c = connection(server)) {
      assertEquals("{\"cards\":[]}", c.exchange(call(server.uri())).bodyText());
      assertEquals("{\"cards\":[]}", c.exchange(call(server.uri())).bodyText());
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void closeDelimitedAnswersEndTheConnection() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send("HTTP/1.0 500 Oops\r\nContent-Type: text/plain\r\n\r\nbroken " + ex.number);
      ex.close();
    }); KeepAliveConnection c = connection(server)) {
      HttpResult first = c.exchange(call(server.uri()));
      assertEquals(500, first.status());
      assertEquals("broken 1", first.bodyText());
      assertEquals("broken 2", c.exchange(call(server.uri())).bodyText());
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void interimAnswersAreSkipped() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + OK));
         KeepAliveConnection c = connection(server)) {
      assertEquals(200, c.exchange(call(server.uri())).status());
      assertEquals(200, c.exchange(call(server.uri())).status());
    }
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsNoticedBeforeTheRequest() throws Exception {
    // keep-alive promised, then the server drops the connection after each answer
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send(OK);
      ex.close();
    }); KeepAliveConnection c = connection(server)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, c.exchange(call(server.uri())).status());
        RawHttpServer.Exchange.sleep(30);
      }
      assertEquals(3, server.requests.get(), "each request sent exactly once");
      assertEquals(3, server.connections.get());
    }
  }

  @Test
  void aRequestLostWithItsConnectionIsNeverSentAgain() throws Exception {
    // the second request on a kept connection is received, then the connection closes unanswered:
    // a client that retried would send it a second time on a new connection
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.onConnection == 2) {
        ex.close();
      } else {
        ex.send(OK);
      }
    }); KeepAliveConnection c = connection(server)) {
      assertEquals(200, c.exchange(call(server.uri())).status());
      IOException lost = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("closed", LoadRunner.kind(lost), lost.toString());
      assertEquals(2, server.requests.get(), "the lost request was not sent again");
      assertEquals(200, c.exchange(call(server.uri())).status(), "the next request gets a new connection");
      assertEquals(3, server.requests.get());
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void serverKeepAliveTimeoutIsHonoured() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send(OK.replace("\r\n\r\n", "\r\nKeep-Alive: timeout=0\r\n\r\n")));
         KeepAliveConnection c = connection(server)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, c.exchange(call(server.uri())).status());
      }
      assertEquals(3, server.connections.get(), "an idle timeout of 0: a new connection each time");
    }
  }

  @Test
  void afterATimeoutTheConnectionIsClosedAndTheLateAnswerNeverRead() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.number == 1) {
        RawHttpServer.Exchange.sleep(1500);
      }
      ex.json("{\"answer\":" + ex.number + "}");
    }); KeepAliveConnection c = connection(server, Duration.ofMillis(1000), MB)) {
      assertThrows(SocketTimeoutException.class, () -> c.exchange(call(server.uri())));
      // the late answer is out by now: on a kept connection it would be read as the next one's
      RawHttpServer.Exchange.sleep(1000);
      assertEquals("{\"answer\":2}", c.exchange(call(server.uri())).bodyText());
      assertEquals("{\"answer\":3}", c.exchange(call(server.uri())).bodyText());
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void theTimeoutBoundsTheWholeAnswerNotEachRead() throws Exception {
    // a byte every 100 ms never lets a per-read timeout of 500 ms fire
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
      for (int i = 0; i < 100; i++) {
        RawHttpServer.Exchange.sleep(100);
        ex.send(" ");
      }
    }); KeepAliveConnection c = connection(server, Duration.ofMillis(500), MB)) {
      long start = System.nanoTime();
      assertThrows(SocketTimeoutException.class, () -> c.exchange(call(server.uri())));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 450 && ms < 3000, ms + " ms");
    }
  }

  static Stream<Arguments> malformed() {
    String cards = "{\"cards\":[]}";
    return Stream.of(
        Arguments.of("Content-Length is not a number", "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n" + cards),
        Arguments.of("negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -12\r\n\r\n" + cards),
        Arguments.of("Content-Length as a list", "HTTP/1.1 200 OK\r\nContent-Length: 12, 12\r\n\r\n" + cards),
        Arguments.of("Content-Length twice", "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Length: 12\r\n\r\n" + cards),
        Arguments.of("conflicting Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Length: 5\r\n\r\n" + cards),
        Arguments.of("Content-Length next to chunked",
            "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nTransfer-Encoding: chunked\r\n\r\nc\r\n" + cards + "\r\n0\r\n\r\n"),
        Arguments.of("chunk size not hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + cards + "\r\n0\r\n\r\n"),
        Arguments.of("negative chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-c\r\n" + cards + "\r\n0\r\n\r\n"),
        Arguments.of("chunk longer than its size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n" + cards + "\r\n0\r\n\r\n"),
        Arguments.of("body longer than its length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n" + cards),
        Arguments.of("not HTTP", "SMTP ready\r\n\r\n"),
        Arguments.of("status not a number", "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"),
        Arguments.of("header without a colon", "HTTP/1.1 200 OK\r\nContent-Length 12\r\n\r\n" + cards));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedFramingIsAProtocolErrorAndTheNextRequestStartsClean(String name, String answer) throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send(ex.number == 1 ? answer : OK));
         KeepAliveConnection c = connection(server)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertInstanceOf(ProtocolException.class, e, name);
      assertEquals("protocol", LoadRunner.kind(e));
      assertEquals("{\"cards\":[]}", c.exchange(call(server.uri())).bodyText());
      assertEquals(2, server.connections.get(), "a connection with broken framing is not used again");
    }
  }

  static Stream<Arguments> truncated() {
    return Stream.of(
        Arguments.of("body shorter than its length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"cards\":[]}"),
        Arguments.of("chunked body cut off", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n{\"cards\""),
        Arguments.of("head cut off", "HTTP/1.1 200 OK\r\nContent-Ty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truncated")
  void anAnswerCutOffByTheServerIsAProtocolError(String name, String answer) throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send(answer);
      ex.close();
    }); KeepAliveConnection c = connection(server)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("protocol", LoadRunner.kind(e), name + ": " + e);
    }
  }

  @Test
  void aServerThatClosesWithoutAnsweringIsClosed() throws Exception {
    try (RawHttpServer server = new RawHttpServer(RawHttpServer.Exchange::close); KeepAliveConnection c = connection(server)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("closed", LoadRunner.kind(e), e.toString());
    }
  }

  @Test
  void aHugeContentLengthFailsAtOnceWithoutAllocatingIt() throws Exception {
    // the server announces 10 GB and then sends nothing: the cap answers before any read or allocation
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send("HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n{");
      RawHttpServer.Exchange.sleep(5000);
    }); KeepAliveConnection c = connection(server, Duration.ofSeconds(4), MB)) {
      long start = System.nanoTime();
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("too large", LoadRunner.kind(e), e.toString());
      assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "not waiting for the body");
      IOException overflow;
      try (RawHttpServer digits = new RawHttpServer(ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n"));
           KeepAliveConnection c2 = connection(digits)) {
        overflow = assertThrows(IOException.class, () -> c2.exchange(call(digits.uri())));
      }
      assertEquals("too large", LoadRunner.kind(overflow), overflow.toString());
    }
  }

  @Test
  void aLyingContentLengthUnderTheCapIsNotAllocatedEither() throws Exception {
    // 900 KB announced, 10 bytes sent: the answer times out; 64 such connections would be 56 MB if sized up front
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send("HTTP/1.1 200 OK\r\nContent-Length: 921600\r\n\r\n{\"cards\":");
      RawHttpServer.Exchange.sleep(2000);
    }); KeepAliveConnection c = connection(server, Duration.ofMillis(300), MB)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("timeout", LoadRunner.kind(e));
    }
  }

  @Test
  void anEndlessChunkedBodyStopsAtTheCap() throws Exception {
    String chunk = "10000\r\n" + "x".repeat(0x10000) + "\r\n";
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      while (true) {
        ex.send(chunk);
      }
    }); KeepAliveConnection c = connection(server, Duration.ofSeconds(10), MB)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("too large", LoadRunner.kind(e), e.toString());
    }
  }

  @Test
  void anEndlessCloseDelimitedBodyStopsAtTheCap() throws Exception {
    String block = "y".repeat(0x10000);
    try (RawHttpServer server = new RawHttpServer(ex -> {
      ex.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
      while (true) {
        ex.send(block);
      }
    }); KeepAliveConnection c = connection(server, Duration.ofSeconds(10), MB)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("too large", LoadRunner.kind(e), e.toString());
    }
  }

  @Test
  void aHugeChunkSizeIsTooLarge() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n"));
         KeepAliveConnection c = connection(server)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(call(server.uri())));
      assertEquals("too large", LoadRunner.kind(e), e.toString());
    }
  }

  @Test
  void anAnswerOfExactlyTheCapIsRead() throws Exception {
    String body = "{\"a\":\"" + "z".repeat(1000 - 8) + "\"}";
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + body));
         KeepAliveConnection c = connection(server, Duration.ofSeconds(2), 1000)) {
      assertEquals(body, c.exchange(call(server.uri())).bodyText());
    }
    try (RawHttpServer server = new RawHttpServer(ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Length: 1001\r\n\r\n" + body + " "));
         KeepAliveConnection c = connection(server, Duration.ofSeconds(2), 1000)) {
      assertEquals("too large", LoadRunner.kind(assertThrows(IOException.class, () -> c.exchange(call(server.uri())))));
    }
  }
}
