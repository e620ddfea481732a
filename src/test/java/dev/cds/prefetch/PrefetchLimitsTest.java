package dev.cds.prefetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prefetch against a FHIR server that records every request: templates may not aim the user's
 * FHIR token at other paths of the host, and a service listing thousands of keys gets a bounded
 * number of reads within the timeout.
 */
class PrefetchLimitsTest {
  static final String TOKEN = "fhir-token-7f3";

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;
  private volatile String nextLink = "";
  private String base;
  private RemoteFhirSource source;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.add(ex.getRequestURI().getRawPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String answer = ex.getRequestURI().getRawQuery() == null ? "{\"resourceType\": \"Patient\", \"id\": \"p1\"}"
          : "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [{\"resource\": {\"resourceType\":"
              + " \"Patient\", \"id\": \"p1\"}}], \"link\": [{\"relation\": \"next\", \"url\": \"" + nextLink + "\"}]}";
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/fhir+json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/ehr/fhir";
    source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), base, TOKEN);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private PrefetchResult run(ObjectNode templates, ObjectNode context, int maxReads, Duration timeout) {
    return new Prefetcher(TokenRules.ALL, Clock.systemUTC(), maxReads).run(templates, context, null, source, null, timeout);
  }

  private static ObjectNode context(String patientId) {
    return Json.object().put("patientId", patientId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../x", "Patient/../../x", "Patient/../../../../admin/users", "./../x",
      "%2e%2e/x", "Patient/%2E%2E/%2e%2e/x", "Patient%2f..%2f..%2fx", "Patient/.%2e/.%2E/x", "Patient\\..\\..\\x",
      "Patient/%5c..%5c..%5cx", "Patient/..;/..;/x", "a/b/../../../x?_id=1"})
  void aTemplateLeavingTheBasePathIsRefusedAndNothingIsSent(String template) {
    ObjectNode templates = Json.object().put("escape", template).put("fine", "Patient/p1");
    PrefetchResult result = run(templates, context("p1"), 50, Duration.ofSeconds(5));
    KeyReport escape = result.keys().get(0);
    assertEquals(KeyReport.State.INVALID, escape.state(), escape::toString);
    assertTrue(escape.detail().contains("outside the FHIR base URL"), escape::toString);
    assertFalse(result.prefetch().has("escape"));
    assertEquals(List.of("/ehr/fhir/Patient/p1 Bearer " + TOKEN), requests, "only the harmless key was fetched");
    assertTrue(result.warnings().get(0).startsWith("prefetch key 'escape' skipped: refused"), result.warnings()::toString);
  }

  @Test
  void aContextValueCannotClimbOutEither() {
    PrefetchResult result = run(Json.object().put("patient", "Patient/{{context.patientId}}"),
        context("../../../admin"), 50, Duration.ofSeconds(5));
    assertEquals(KeyReport.State.INVALID, result.keys().get(0).state());
    assertEquals(List.of(), requests);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Patient/p1", "Patient/./p1", "Observation/../Patient/p1", "Patient?name=..%2F..",
      "Patient/p1#../..", "Patient/..p1", "Patient/...", "Patient/p1/_history/.."})
  void pathsThatStayInsideAreFetched(String template) {
    PrefetchResult result = run(Json.object().put("k", template), context("p1"), 50, Duration.ofSeconds(5));
    assertEquals(KeyReport.State.FETCHED, result.keys().get(0).state(), () -> result.keys().toString());
    assertEquals(1, requests.size());
  }

  @Test
  void identicalUrlsAreFetchedOnce() {
    ObjectNode templates = Json.object();
    for (int i = 0; i < 20; i++) {
      templates.put("k" + i, i % 2 == 0 ? "Patient/{{context.patientId}}" : "Patient/p1");
    }
    templates.put("other", "Patient/p2");
    PrefetchResult result = run(templates, context("p1"), 50, Duration.ofSeconds(5));
    assertEquals(21, result.prefetch().size());
    assertEquals(2, requests.size(), requests::toString);
  }

  @Test
  void aRunMakesAtMostItsBudgetOfReads() {
    ObjectNode templates = Json.object();
    for (int i = 0; i < 1000; i++) {
      templates.put("k" + i, "Patient/p" + i);
    }
    PrefetchResult result = run(templates, context("p1"), Prefetcher.DEFAULT_MAX_READS, Duration.ofSeconds(20));
    assertEquals(50, requests.size());
    assertEquals(50, result.prefetch().size());
    KeyReport last = result.keys().get(999);
    assertEquals(KeyReport.State.FAILED, last.state());
    assertTrue(last.detail().contains("50 prefetch reads"), last::toString);

    requests.clear();
    assertEquals(3, run(templates, context("p1"), 3, Duration.ofSeconds(5)).prefetch().size());
    assertEquals(3, requests.size());
  }

  @Test
  void allPrefetchTogetherStaysWithinTheTimeout() {
    delayMillis = 1500;
    ObjectNode templates = Json.object();
    for (int i = 0; i < 12; i++) {
      templates.put("k" + i, "Patient/p" + i);
    }
    // a later key that needs an earlier one waits for a second round of reads
    templates.put("after", "Patient/{{%k0.id}}-x");
    long start = System.nanoTime();
    PrefetchResult result = run(templates, context("p1"), 50, Duration.ofMillis(1000));
    long took = (System.nanoTime() - start) / 1_000_000;
    assertTrue(took < 2500, "prefetch took " + took + " ms for a 1000 ms timeout");
    assertTrue(result.keys().stream().allMatch(k -> k.state() != KeyReport.State.FETCHED), result.keys()::toString);
  }

  @Test
  void everyServiceOfARunSharesOneFetchPerUrlAndOneBudget() {
    PrefetchRun run = new PrefetchSettings(TokenRules.ALL, null, null, base, TOKEN, false, 1, 3)
        .open(new UrlConnectionTransport(TlsSettings.defaults()), Clock.systemUTC(), null);
    ObjectNode first = Json.object().put("patient", "Patient/p1").put("a", "Patient/a");
    ObjectNode second = Json.object().put("patient", "Patient/p1").put("b", "Patient/b").put("c", "Patient/c");
    PrefetchResult one = run.fulfil(first, context("p1"), null, Duration.ofSeconds(5));
    PrefetchResult two = run.fulfil(second, context("p1"), null, Duration.ofSeconds(5));
    assertEquals(2, one.prefetch().size());
    assertEquals(List.of("patient", "b"), List.copyOf(iterable(two.prefetch())), "Patient/p1 again, then the budget of 3");
    assertEquals(3, requests.size(), requests::toString);
  }

  private static List<String> iterable(ObjectNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/../../admin/users?page=2", "/..%2f..%2fadmin?page=2", "/Patient/../../../x?page=2"})
  void pagingNeverFollowsANextLinkOutOfTheBasePath(String tail) {
    nextLink = base + tail;
    RemoteFhirSource paging = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), base, TOKEN, 5);
    PrefetchResult result = new Prefetcher(TokenRules.ALL, Clock.systemUTC()).run(
        Json.object().put("s", "Patient?name=x"), context("p1"), null, paging, null, Duration.ofSeconds(5));
    assertEquals(KeyReport.State.FETCHED, result.keys().get(0).state());
    assertEquals(1, requests.size(), requests::toString);
  }

  @Test
  void pagingStillFollowsANextLinkUnderTheBase() {
    nextLink = base + "/Patient?name=x&page=2";
    RemoteFhirSource paging = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), base, TOKEN, 2);
    new Prefetcher(TokenRules.ALL, Clock.systemUTC()).run(
        Json.object().put("s", "Patient?name=x"), context("p1"), null, paging, null, Duration.ofSeconds(5));
    assertEquals(2, requests.size(), requests::toString);
  }
}
