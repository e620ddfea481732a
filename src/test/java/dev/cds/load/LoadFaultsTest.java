package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.Authorizer;
import dev.cds.http.TlsSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A load run against services that fail in the ways real ones do: every attempt is one counted
 * request, each failure an error of its kind, and the run goes on to the end.
 */
class LoadFaultsTest {
  private static final String CARDS = "{\"cards\":[]}";

  private static ServiceLoad run(RawHttpServer server, LoadPlan plan, Duration timeout, long cap) {
    return new LoadRunner(LoadRunnerTest.client(server.base(), Authorizer.NONE, timeout), plan, LoadRunner.Watcher.NONE,
        TlsSettings.defaults(), Clock.systemUTC(), null, cap, AnswerCheck.NONE)
        .run(List.of(LoadRunnerTest.target("x", "patient-view"))).get(0);
  }

  @Test
  void everyResetIsCountedOnceAndNothingIsSentTwice() throws Exception {
    AtomicInteger resets = new AtomicInteger();
    try (RawHttpServer server = new RawHttpServer(ex -> {
      // the request was received and read: the service saw it, then the connection breaks
      if (ex.number % 3 == 0) {
        resets.incrementAndGet();
        ex.reset();
      } else {
        ex.json(CARDS);
      }
    })) {
      ServiceLoad r = run(server, new LoadPlan(60, null, 3, 0), Duration.ofSeconds(5), KeepAliveConnection.DEFAULT_MAX_RESPONSE_BYTES);
      assertEquals(60, server.requests.get(), "the server received exactly the requests sent");
      assertEquals(60, r.requests());
      assertEquals(20, resets.get());
      assertEquals(Map.of("reset", 20L), r.errorKinds());
      assertEquals(40, r.latency().count());
    }
  }

  @Test
  void malformedFramingIsAProtocolErrorAndTheRunGoesOn() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.number % 2 == 0) {
        ex.send("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n" + CARDS);
      } else {
        ex.json(CARDS);
      }
    })) {
      ServiceLoad r = run(server, new LoadPlan(40, null, 2, 0), Duration.ofSeconds(5), KeepAliveConnection.DEFAULT_MAX_RESPONSE_BYTES);
      assertEquals(40, r.requests());
      assertEquals(Map.of("protocol", 20L), r.errorKinds());
      assertEquals(40, server.requests.get());
    }
  }

  @Test
  void aTimedOutRequestCostsItsConnection() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.number == 2) {
        RawHttpServer.Exchange.sleep(3000);
      }
      ex.json("{\"cards\":[],\"n\":" + ex.number + "}");
    })) {
      ServiceLoad r = run(server, new LoadPlan(6, null, 1, 0), Duration.ofMillis(1500), KeepAliveConnection.DEFAULT_MAX_RESPONSE_BYTES);
      assertEquals(6, r.requests());
      assertEquals(Map.of("timeout", 1L), r.errorKinds());
      assertEquals(2, server.connections.get(), "a new connection after the timeout, then kept");
      assertEquals(6, server.requests.get());
    }
  }

  @Test
  void hugeAndEndlessAnswersAreCapped() throws Exception {
    try (RawHttpServer huge = new RawHttpServer(ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Length: 5000000000\r\n\r\n{"))) {
      ServiceLoad r = run(huge, new LoadPlan(8, null, 2, 0), Duration.ofSeconds(5), 64 * 1024);
      assertEquals(Map.of("too large", 8L), r.errorKinds());
    }
    String chunk = "4000\r\n" + "x".repeat(0x4000) + "\r\n";
    try (RawHttpServer endless = new RawHttpServer(ex -> {
      ex.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      while (true) {
        ex.send(chunk);
      }
    })) {
      ServiceLoad r = run(endless, new LoadPlan(3, null, 1, 0), Duration.ofSeconds(10), 256 * 1024);
      assertEquals(Map.of("too large", 3L), r.errorKinds());
      assertEquals(3, endless.requests.get());
    }
  }

  @Test
  void aStopCutsOffRequestsInFlightWithoutCountingThemAsFailures() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.number > 3) {
        RawHttpServer.Exchange.sleep(10_000);
      }
      ex.json(CARDS);
    })) {
      LoadRunner runner = new LoadRunner(LoadRunnerTest.client(server.base(), Authorizer.NONE, Duration.ofSeconds(30)),
          new LoadPlan(0, Duration.ofSeconds(60), 2, 0), LoadRunner.Watcher.NONE, TlsSettings.defaults());
      Thread stopper = new Thread(() -> {
        RawHttpServer.Exchange.sleep(500);
        runner.stop();
      });
      stopper.start();
      long start = System.nanoTime();
      ServiceLoad r = runner.run(List.of(LoadRunnerTest.target("x", "patient-view"))).get(0);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 3000, "stopped after " + ms + " ms, not at the timeout or the duration");
      assertEquals(3, r.requests());
      assertEquals(0, r.errors(), r.errorKinds()::toString);
    }
  }
}
