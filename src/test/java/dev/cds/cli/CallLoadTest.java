package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.LoopbackServers;
import dev.cds.core.Json;
import dev.cds.load.RawHttpServer;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

class CallLoadTest extends LoopbackServers {
  @Test
  void jsonGivesOneObjectPerServiceWithTheNumbers() {
    Cli.Result r = cli().run("call", "order-dispatch", "--base", examples.baseUrl(),
        "--repeat", "300", "--concurrency", "4", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r.out());
    JsonNode n = Json.parse(lines.get(0), "out");
    assertEquals("order-dispatch-crd", n.path("service").asText());
    assertEquals("order-dispatch", n.path("hook").asText());
    assertEquals(300, n.path("requests").asLong());
    assertEquals(0, n.path("errors").asLong());
    assertTrue(n.path("errorKinds").isObject() && n.path("errorKinds").isEmpty());
    assertTrue(n.path("throughput").isNumber() && n.path("throughput").asDouble() > 0);
    assertTrue(n.path("elapsedMs").isIntegralNumber());
    JsonNode lat = n.path("latencyMs");
    for (String k : List.of("min", "p50", "p90", "p95", "p99", "max")) {
      assertTrue(lat.path(k).isNumber() && lat.path(k).asDouble() > 0, k + " in " + n);
    }
    assertTrue(lat.path("p50").asDouble() <= lat.path("p99").asDouble());
    assertEquals("", r.err(), "nothing on stderr when it is not a terminal");
  }

  @Test
  void prettyIsATableWithErrorKinds() {
    Cli.Result r = cli().run("call", "html500", "--base", faults.base(), "--repeat", "20", "--output", "pretty");
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.out().startsWith("SERVICE"), r.out());
    assertTrue(r.out().contains("P95"), r.out());
    assertTrue(r.out().contains("html500 errors: http 500: 20"), r.out());
    assertTrue(r.err().contains("html500: 20 of 20 requests failed"), r.err());
  }

  @Test
  void everyServiceOfTheHookIsLoaded() {
    Cli.Result r = cli().run("call", "patient-view", "--base", faults.base(), "--service", "ok",
        "--service", "badjson", "--repeat", "5", "--output", "json");
    assertEquals(4, r.code(), r::toString);
    List<JsonNode> rows = r.out().lines().map(l -> Json.parse(l, "line")).toList();
    assertEquals(List.of("ok", "badjson"), rows.stream().map(n -> n.path("service").asText()).toList());
    assertEquals(5, rows.get(1).at("/errorKinds/not json").asLong());
  }

  @Test
  void p95GateExitsOneWhenOver(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("slowish.json"), """
        {"id": "slowish", "hook": "patient-view", "title": "Slow", "description": "answers after 60 ms",
         "response": {"body": {"cards": []}, "delayMs": 60}}
        """);
    try (CdsServer slow = new CdsServer(ServiceDefinitions.load(dir), null, Clock.systemUTC()).start("127.0.0.1", 0, 4)) {
      Cli.Result over = cli().run("call", "slowish", "--base", slow.baseUrl(), "--repeat", "8", "--concurrency", "4",
          "--fail-on-p95", "20ms", "--output", "json");
      assertEquals(1, over.code(), over::toString);
      assertTrue(over.err().contains("slowish: p95 ") && over.err().contains("is over --fail-on-p95 20.0ms"), over.err());
      assertTrue(Json.parse(over.out(), "out").at("/latencyMs/p95").asDouble() >= 60);

      Cli.Result under = cli().run("call", "slowish", "--base", slow.baseUrl(), "--repeat", "8", "--concurrency", "4",
          "--fail-on-p95", "5s", "--output", "json");
      assertEquals(0, under.code(), under::toString);
    }
  }

  @Test
  void atAFixedRateLatencyCountsFromWhenTheRequestWasDue(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("slow.json"), """
        {"id": "slow", "hook": "patient-view", "title": "Slow", "description": "answers after 100 ms",
         "response": {"body": {"cards": []}, "delayMs": 100}}
        """);
    try (CdsServer slow = new CdsServer(ServiceDefinitions.load(dir), null, Clock.systemUTC()).start("127.0.0.1", 0, 4)) {
      // due every 20 ms, answered every 100 ms: the 10th request waits 720 ms before it can go
      Cli.Result r = cli().run("call", "slow", "--base", slow.baseUrl(), "--repeat", "10", "--rate", "50/s",
          "--output", "json");
      assertEquals(0, r.code(), r::toString);
      JsonNode latency = Json.parse(r.out(), "out").path("latencyMs");
      assertTrue(latency.path("max").asDouble() >= 700, "the queueing behind a slow answer is counted: " + latency);
      assertTrue(latency.path("min").asDouble() >= 95, latency::toString);
    }
  }

  @Test
  void malformedFramingIsAnErrorOfItsKindInTheReportNotAnInternalError() throws Exception {
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.requestLine.startsWith("GET")) {
        ex.json("{\"services\":[{\"hook\":\"patient-view\",\"id\":\"x\",\"description\":\"d\"}]}");
      } else if (ex.number % 2 == 0) {
        ex.send("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{\"cards\":[]}");
      } else {
        ex.json("{\"cards\":[]}");
      }
    })) {
      Cli.Result r = cli().run("call", "x", "--base", server.base(), "--repeat", "10", "--output", "json");
      assertEquals(4, r.code(), r::toString);
      JsonNode report = Json.parse(r.out(), "out");
      assertEquals(10, report.path("requests").asLong());
      assertEquals(5, report.at("/errorKinds/protocol").asLong(), r::toString);
      assertTrue(r.err().contains("x: 5 of 10 requests failed") && !r.err().contains("internal"), r.err());
    }
  }

  /** --max-response-size caps every answer of a load run as it caps a single call's. */
  @Test
  void maxResponseSizeCapsEveryAnswerOfALoadRun() throws Exception {
    String big = "{\"cards\":[{\"summary\":\"" + "x".repeat(4000) + "\",\"indicator\":\"info\","
        + "\"source\":{\"label\":\"l\"}}]}";
    try (RawHttpServer server = new RawHttpServer(ex -> {
      if (ex.requestLine.startsWith("GET")) {
        ex.json("{\"services\":[{\"hook\":\"patient-view\",\"id\":\"x\",\"description\":\"d\"}]}");
      } else {
        ex.json(big);
      }
    })) {
      Cli.Result capped = cli().run("call", "x", "--base", server.base(), "--repeat", "4", "--output", "json",
          "--max-response-size", "1KB");
      assertEquals(4, capped.code(), capped::toString);
      JsonNode report = Json.parse(capped.out(), "out");
      assertEquals(4, report.at("/errorKinds/too large").asLong(), capped::toString);
      Cli.Result fits = cli().run("call", "x", "--base", server.base(), "--repeat", "4", "--output", "json",
          "--max-response-size", "8KB");
      assertEquals(0, fits.code(), fits::toString);
    }
  }

  @Test
  void loadOptionsWithoutALoadRunAreAUsageError() {
    Cli.Result r = cli().run("call", "order-dispatch", "--base", examples.baseUrl(), "--concurrency", "8");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("add --repeat N or --duration D"), r.err());
    Cli.Result rate = cli().run("call", "order-dispatch", "--base", examples.baseUrl(), "--repeat", "5", "--rate", "lots");
    assertEquals(2, rate.code(), rate::toString);
    assertTrue(rate.err().contains("invalid --rate: 'lots' is not a rate"), rate.err());
  }

  @Test
  void aTerminalGetsAProgressLineThatIsClearedAtTheEnd() {
    Cli.Result r = cli().terminal().run("call", "order-dispatch", "--base", examples.baseUrl(),
        "--duration", "700ms", "--concurrency", "2", "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("\rorder-dispatch-crd ["), r.err());
    assertTrue(r.err().contains(" req/s"), r.err());
    assertTrue(r.err().endsWith("\r"), "the line is wiped before the report");
    assertFalse(r.out().contains("\r"), r.out());
    assertTrue(r.out().contains("order-dispatch-crd"), r.out());
  }

  /** Three services of one hook: a critical card, an info card, and a card the spec rules flag (no source). */
  private static CdsServer cardServer(Path dir) throws Exception {
    Files.writeString(dir.resolve("alarm.json"), """
        {"id": "alarm", "hook": "patient-view", "title": "Alarm", "description": "always critical",
         "response": {"body": {"cards": [{"summary": "Stop", "indicator": "critical", "source": {"label": "Lab"}}]}}}
        """);
    Files.writeString(dir.resolve("calm.json"), """
        {"id": "calm", "hook": "patient-view", "title": "Calm", "description": "always info",
         "response": {"body": {"cards": [{"summary": "Fine", "indicator": "info", "source": {"label": "Lab"}}]}}}
        """);
    Files.writeString(dir.resolve("sloppy.json"), """
        {"id": "sloppy", "hook": "patient-view", "title": "Sloppy", "description": "a card without a source",
         "response": {"body": {"cards": [{"summary": "Hm", "indicator": "info"}]}}}
        """);
    return new CdsServer(ServiceDefinitions.load(dir), null, Clock.systemUTC()).start("127.0.0.1", 0, 4);
  }

  @Test
  void failOnCountsEveryAnswerWithACardAtTheLevel(@TempDir Path dir) throws Exception {
    try (CdsServer server = cardServer(dir)) {
      Cli.Result r = cli().run("call", "patient-view", "--base", server.baseUrl(), "--service", "alarm",
          "--service", "calm", "--repeat", "6", "--concurrency", "2", "--fail-on", "critical", "--output", "json");
      assertEquals(1, r.code(), r::toString);
      List<JsonNode> rows = r.out().lines().map(l -> Json.parse(l, "line")).toList();
      assertEquals(6, rows.get(0).path("flagged").asLong(), rows.get(0)::toString);
      assertEquals(6, rows.get(0).at("/flagKinds/critical card").asLong(), rows.get(0)::toString);
      assertEquals(0, rows.get(0).path("errors").asLong());
      assertEquals(0, rows.get(1).path("flagged").asLong(), rows.get(1)::toString);
      assertTrue(r.err().contains("alarm: 6 of 6 answers failed the checks (--fail-on, --strict): critical card"), r.err());
      assertFalse(r.err().contains("calm:"), r.err());

      Cli.Result warning = cli().run("call", "calm", "--base", server.baseUrl(), "--repeat", "4",
          "--fail-on", "warning", "--output", "pretty");
      assertEquals(0, warning.code(), warning::toString);
      assertTrue(warning.out().lines().findFirst().orElse("").contains("FLAGGED"), "a checked run shows the column: "
          + warning.out());

      Cli.Result info = cli().run("call", "calm", "--base", server.baseUrl(), "--repeat", "4",
          "--fail-on", "info", "--output", "pretty");
      assertEquals(1, info.code(), info::toString);
      assertTrue(info.out().contains("calm flagged: info card: 4"), info.out());

      Cli.Result unchecked = cli().run("call", "alarm", "--base", server.baseUrl(), "--repeat", "4", "--output", "pretty");
      assertEquals(0, unchecked.code(), unchecked::toString);
      assertFalse(unchecked.out().contains("FLAGGED"), "no checks, no column: " + unchecked.out());
    }
  }

  @Test
  void strictCountsEveryAnswerWithFindings(@TempDir Path dir) throws Exception {
    try (CdsServer server = cardServer(dir)) {
      Cli.Result lax = cli().run("call", "sloppy", "--base", server.baseUrl(), "--repeat", "5", "--output", "json");
      assertEquals(0, lax.code(), lax::toString);
      assertEquals(0, Json.parse(lax.out(), "out").path("flagged").asLong());

      Cli.Result strict = cli().run("call", "sloppy", "--base", server.baseUrl(), "--repeat", "5", "--strict",
          "--output", "json");
      assertEquals(1, strict.code(), strict::toString);
      JsonNode report = Json.parse(strict.out(), "out");
      assertEquals(5, report.path("flagged").asLong(), report::toString);
      assertTrue(report.path("flagKinds").size() >= 1, report::toString);
      report.path("flagKinds").fields().forEachRemaining(e -> assertEquals(5, e.getValue().asLong(), report::toString));
      // the same rule ids a single call reports for that answer
      Cli.Result once = cli().run("call", "patient-view", "--service", "sloppy", "--base", server.baseUrl(),
          "--output", "json", "--strict");
      assertEquals(1, once.code(), once::toString);
      report.path("flagKinds").fieldNames().forEachRemaining(rule ->
          assertTrue(once.out().contains("\"" + rule + "\""), rule + " in " + once.out()));

      Cli.Result clean = cli().run("call", "alarm", "--base", server.baseUrl(), "--repeat", "5", "--strict",
          "--output", "json");
      assertEquals(0, clean.code(), clean::toString);
    }
  }

  @Test
  void flaggedAnswersAddUpAcrossSegmentsAndFailTheMerge(@TempDir Path dir) throws Exception {
    try (CdsServer server = cardServer(dir)) {
      for (int i = 0; i < 2; i++) {
        Cli.Result part = cli().run("call", "alarm", "--base", server.baseUrl(), "--repeat", "7", "--segment", i + "/2",
            "--histogram-log", dir.resolve(i + ".hlog").toString(), "--fail-on", "critical", "--output", "json");
        assertEquals(1, part.code(), part::toString);
      }
      Cli.Result merged = cli().run("load", "merge", dir.resolve("0.hlog").toString(), dir.resolve("1.hlog").toString(),
          "--output", "json");
      assertEquals(1, merged.code(), merged::toString);
      JsonNode report = Json.parse(merged.out(), "out");
      assertEquals(7, report.path("requests").asLong());
      assertEquals(7, report.path("flagged").asLong(), report::toString);
      assertEquals(7, report.at("/flagKinds/critical card").asLong(), report::toString);
    }
  }
}
