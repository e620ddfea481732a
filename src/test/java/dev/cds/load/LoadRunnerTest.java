package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.model.Service;
import dev.cds.client.Endpoints;
import dev.cds.client.FaultServer;
import dev.cds.client.HookCaller;
import dev.cds.client.LoopbackServers;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

class LoadRunnerTest extends LoopbackServers {
  static CdsClient client(String base, Authorizer auth, Duration timeout) {
    return new CdsClient(new UrlConnectionTransport(TlsSettings.defaults()), Endpoints.of(base), auth, Map.of(), timeout);
  }

  static HookCaller.Target target(String id, String hook) {
    ObjectNode body = Json.object();
    body.put("hook", hook);
    body.put("hookInstance", "d0d0d0d0-0000-4000-8000-000000000000");
    ObjectNode context = body.putObject("context");
    context.put("patientId", "1288992");
    context.putArray("dispatchedOrders").add("ServiceRequest/imaging-order-001");
    context.put("performer", "Organization/radiology-center-456");
    return new HookCaller.Target(new Service(Json.object().put("id", id).put("hook", hook)), body);
  }

  static ServiceLoad run(String base, LoadPlan plan, HookCaller.Target t) {
    return new LoadRunner(client(base, Authorizer.NONE, Duration.ofSeconds(5)), plan, LoadRunner.Watcher.NONE, TlsSettings.defaults())
        .run(List.of(t)).get(0);
  }

  @Test
  void everyRequestArrivesOnceWithItsOwnHookInstance(@TempDir Path dir) throws Exception {
    try (CdsServer recording = TestServices.unstarted()
        .record(dir).start("127.0.0.1", 0, 4)) {
      ServiceLoad r = run(recording.baseUrl(), new LoadPlan(120, null, 6, 0), target("order-dispatch-crd", "order-dispatch"));
      assertEquals(120, r.requests());
      assertEquals(0, r.errors(), r.errorKinds()::toString);
      assertEquals(120, r.latency().count());
      Set<String> instances = new HashSet<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          JsonNode sent = Json.parse(Files.readString(f), "recorded");
          assertEquals("Organization/radiology-center-456", sent.at("/context/performer").asText());
          UUID id = UUID.fromString(sent.path("hookInstance").asText());
          assertEquals(4, id.version());
          assertEquals(2, id.variant());
          instances.add(id.toString());
        }
      }
      assertEquals(120, instances.size(), "one recorded request per call, each with a fresh hookInstance");
    }
  }

  @Test
  void countsAreExactUnderConcurrency() {
    ServiceLoad r = run(examples.baseUrl(), new LoadPlan(2000, null, 16, 0), target("order-dispatch-crd", "order-dispatch"));
    assertEquals(2000, r.requests());
    assertEquals(0, r.errors());
    assertEquals(2000, r.latency().count());
    ServiceLoad.Latency l = r.latency();
    assertTrue(l.minMicros() <= l.p50Micros() && l.p50Micros() <= l.p90Micros() && l.p90Micros() <= l.p95Micros()
        && l.p95Micros() <= l.p99Micros() && l.p99Micros() <= l.maxMicros(), l::toString);
    assertTrue(r.throughput() > 0);
  }

  @Test
  void httpErrorsAreCountedByStatus() {
    ServiceLoad r = run(faults.base(), new LoadPlan(30, null, 3, 0), target("html500", "patient-view"));
    assertEquals(30, r.requests());
    assertEquals(30, r.errors());
    assertEquals(Map.of("http 500", 30L), r.errorKinds());
    assertEquals(30, r.latency().count(), "an HTTP error is still an answer with a latency");

    ServiceLoad outcome = run(faults.base(), new LoadPlan(7, null, 2, 0), target("outcome", "patient-view"));
    assertEquals(Map.of("http 400", 7L), outcome.errorKinds());
  }

  @Test
  void a200ThatIsNotJsonIsAnError() {
    ServiceLoad r = run(faults.base(), new LoadPlan(10, null, 2, 0), target("badjson", "patient-view"));
    assertEquals(10, r.errors());
    assertEquals(Map.of("not json", 10L), r.errorKinds());
  }

  @Test
  void timeoutsAreTheirOwnKind() {
    LoadRunner runner = new LoadRunner(client(faults.base(), Authorizer.NONE, Duration.ofMillis(200)),
        new LoadPlan(4, null, 4, 0), LoadRunner.Watcher.NONE, TlsSettings.defaults());
    ServiceLoad r = runner.run(List.of(target("slow", "patient-view"))).get(0);
    assertEquals(4, r.requests());
    assertEquals(Map.of("timeout", 4L), r.errorKinds());
    assertNull(r.latency(), "no answer, no latency");
  }

  @Test
  void resetAndRefusedConnectionsAreErrorsOfTheirKind() throws Exception {
    try (FaultServer.Resetter reset = new FaultServer.Resetter()) {
      ServiceLoad r = run(reset.base(), new LoadPlan(5, null, 1, 0), target("ok", "patient-view"));
      assertEquals(Map.of("reset", 5L), r.errorKinds());
    }
    String closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = "http://127.0.0.1:" + s.getLocalPort();
    }
    ServiceLoad refused = run(closedPort, new LoadPlan(3, null, 1, 0), target("ok", "patient-view"));
    assertEquals(Map.of("refused", 3L), refused.errorKinds());
  }

  @Test
  void durationModeStopsOnTime() {
    long start = System.nanoTime();
    ServiceLoad r = run(examples.baseUrl(), new LoadPlan(0, Duration.ofMillis(800), 4, 0),
        target("order-dispatch-crd", "order-dispatch"));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(r.requests() > 10, () -> "only " + r.requests() + " requests");
    assertTrue(r.elapsed().toMillis() >= 800 && r.elapsed().toMillis() < 1500, () -> "elapsed " + r.elapsed());
    assertTrue(tookMs < 2500, "took " + tookMs + "ms");
    assertEquals(r.requests(), r.latency().count());
  }

  @Test
  void repeatEndsADurationRunEarly() {
    ServiceLoad r = run(examples.baseUrl(), new LoadPlan(25, Duration.ofSeconds(30), 2, 0),
        target("order-dispatch-crd", "order-dispatch"));
    assertEquals(25, r.requests());
    assertTrue(r.elapsed().toMillis() < 5000);
  }

  @Test
  void rateLimitHolds() {
    // 40 requests at 100/s: the last may leave at 390 ms, not before
    ServiceLoad r = run(examples.baseUrl(), new LoadPlan(40, null, 4, 100), target("order-dispatch-crd", "order-dispatch"));
    assertEquals(40, r.requests());
    assertTrue(r.elapsed().toMillis() >= 390 && r.elapsed().toMillis() < 1500, () -> "elapsed " + r.elapsed());
    // for a duration, the rate sets the count
    ServiceLoad timed = run(examples.baseUrl(), new LoadPlan(0, Duration.ofSeconds(1), 8, 50),
        target("order-dispatch-crd", "order-dispatch"));
    assertTrue(timed.requests() >= 45 && timed.requests() <= 51, () -> timed.requests() + " requests at 50/s for 1s");
  }

  @Test
  void eachRequestIsAuthorizedOnItsOwnBeforeTheClockStarts() throws Exception {
    AtomicInteger signed = new AtomicInteger();
    Authorizer counting = (method, uri) -> {
      assertEquals("POST", method);
      assertTrue(uri.toString().endsWith("/cds-services/order-dispatch-crd"));
      return Optional.of("Bearer token-" + signed.incrementAndGet());
    };
    Set<String> seen = ConcurrentHashMap.newKeySet();
    try (CdsServer gated = TestServices.unstarted()
        .gate((ex, audience) -> {
          seen.add(ex.getRequestHeaders().getFirst("Authorization"));
          return Optional.empty();
        })
        .start("127.0.0.1", 0, 4)) {
      ServiceLoad r = new LoadRunner(client(gated.baseUrl(), counting, Duration.ofSeconds(5)), new LoadPlan(50, null, 5, 0),
          LoadRunner.Watcher.NONE, TlsSettings.defaults()).run(List.of(target("order-dispatch-crd", "order-dispatch"))).get(0);
      assertEquals(0, r.errors());
      assertEquals(50, signed.get());
      assertEquals(50, seen.size(), "a distinct Authorization on every request");
    }
  }

  @Test
  void servicesAreLoadedInTurnEachWithItsOwnNumbers() {
    List<ServiceLoad> rs = new LoadRunner(client(faults.base(), Authorizer.NONE, Duration.ofSeconds(5)),
        new LoadPlan(12, null, 3, 0), LoadRunner.Watcher.NONE, TlsSettings.defaults())
        .run(List.of(target("ok", "patient-view"), target("html500", "patient-view")));
    assertEquals(List.of("ok", "html500"), rs.stream().map(ServiceLoad::service).toList());
    assertEquals(0, rs.get(0).errors());
    assertEquals(12, rs.get(1).errors());
  }

  @Test
  void jsonCheckReadsTheWholeBody() {
    assertTrue(LoadRunner.isJsonObject("{\"cards\":[{\"a\":1}]}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(LoadRunner.isJsonObject("{\"cards\": [".getBytes(StandardCharsets.UTF_8)));
    assertFalse(LoadRunner.isJsonObject("[]".getBytes(StandardCharsets.UTF_8)));
    assertFalse(LoadRunner.isJsonObject("{} {}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(LoadRunner.isJsonObject("{\"a\":tru}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(LoadRunner.isJsonObject(new byte[0]));
  }

  @Test
  void templateChangesOnlyTheHookInstance() {
    HookCaller.Target t = target("x", "order-dispatch");
    InstanceTemplate template = InstanceTemplate.of(t.body());
    UUID id = LoadRunner.freshInstance(new SplittableRandom(7));
    JsonNode sent = Json.parse(template.withInstance(id), "body");
    ObjectNode expected = ((ObjectNode) t.body()).deepCopy();
    expected.put("hookInstance", id.toString());
    assertEquals(expected, sent);
    assertEquals(4, id.version());
    assertEquals(2, id.variant());
    assertNotEquals(id, LoadRunner.freshInstance(new SplittableRandom(8)));
  }
}
