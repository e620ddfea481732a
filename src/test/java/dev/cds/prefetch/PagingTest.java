package dev.cds.prefetch;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cds.cli.Cli;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side paging of prefetch searches against a loopback FHIR server that pages its
 * searchset Bundles with {@code next} links: four pages of two Observations each.
 */
class PagingTest {
  private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");
  private static final int PAGES = 4;
  private static final int PER_PAGE = 2;

  private HttpServer server;
  private HttpServer elsewhere;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<String> elsewhereRequests = new CopyOnWriteArrayList<>();
  private volatile int failPage;
  private volatile boolean foreignNext;
  private String base;

  @BeforeEach
  void start() throws IOException {
    elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    elsewhere.createContext("/", exchange -> {
      elsewhereRequests.add(exchange.getRequestURI().toString());
      send(exchange, 200, page(2, "http://elsewhere"));
    });
    elsewhere.start();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fhir", exchange -> {
      String uri = exchange.getRequestURI().toString();
      requests.add(uri);
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      tokens.add(auth == null ? "" : auth);
      if (uri.startsWith("/fhir/cds-services")) {
        send(exchange, 200, DISCOVERY);
        return;
      }
      Matcher m = PAGE.matcher(uri);
      int page = m.find() ? Integer.parseInt(m.group(1)) : 1;
      if (page == failPage) {
        send(exchange, 500, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\"}]}");
        return;
      }
      send(exchange, 200, page(page, base));
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
  }

  @AfterEach
  void stop() {
    server.stop(0);
    elsewhere.stop(0);
  }

  private static final String DISCOVERY = """
      {"services": [{"hook": "patient-view", "id": "labs", "description": "d",
        "prefetch": {"labs": "Observation?patient={{context.patientId}}&code=4548-4"}}]}""";

  /** Page {@code n} of the search, with self and (but for the last) next links. */
  private String page(int n, String linkBase) {
    StringBuilder entries = new StringBuilder();
    for (int i = 1; i <= PER_PAGE; i++) {
      entries.append(entries.length() == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o")
          .append(n).append('-').append(i).append("\",\"status\":\"final\",\"code\":{\"text\":\"HbA1c\"}}}");
    }
    String next = foreignNext ? "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/fhir/Observation?page=" + (n + 1)
        : linkBase + "/Observation?patient=p1&code=4548-4&page=" + (n + 1);
    return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":" + PAGES * PER_PAGE + ",\"link\":["
        + "{\"relation\":\"self\",\"url\":\"" + linkBase + "/Observation?patient=p1&code=4548-4&page=" + n + "\"}"
        + (n < PAGES ? ",{\"relation\":\"next\",\"url\":\"" + next + "\"}" : "")
        + "],\"entry\":[" + entries + "]}";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private FhirResponse fetch(int pages, String url) throws IOException {
    return new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), base, "s3cret", pages)
        .get(url, Duration.ofSeconds(5));
  }

  private static List<String> ids(JsonNode bundle) {
    return bundle.path("entry").findValues("id").stream().map(JsonNode::asText).toList();
  }

  private static List<String> links(JsonNode bundle, String relation) {
    return bundle.path("link").findParents("relation").stream()
        .filter(l -> l.path("relation").asText().equals(relation)).map(l -> l.path("url").asText()).toList();
  }

  @Test
  void onePageByDefaultLeavesTheBundleAsTheServerSentIt() throws IOException {
    FhirResponse r = fetch(1, "Observation?patient=p1&code=4548-4");
    assertEquals(List.of("o1-1", "o1-2"), ids(r.body()));
    assertEquals(1, links(r.body(), "next").size());
    assertEquals(1, requests.size());
  }

  @Test
  void followsNextLinksUpToTheCapAndMergesIntoOneSearchset() throws IOException {
    FhirResponse r = fetch(3, "Observation?patient=p1&code=4548-4");
    assertEquals(200, r.status());
    assertEquals("searchset", r.body().path("type").asText());
    assertEquals(List.of("o1-1", "o1-2", "o2-1", "o2-2", "o3-1", "o3-2"), ids(r.body()));
    assertEquals(8, r.body().path("total").asInt(), "total stays the server's");
    assertEquals(List.of(base + "/Observation?patient=p1&code=4548-4&page=1"), links(r.body(), "self"));
    assertEquals(List.of(base + "/Observation?patient=p1&code=4548-4&page=4"), links(r.body(), "next"),
        "the page left unfetched stays reachable for the service");
    assertEquals(3, requests.size());
    assertEquals(List.of("Bearer s3cret", "Bearer s3cret", "Bearer s3cret"), tokens);
  }

  @Test
  void allPagesLeaveNoNextLink() throws IOException {
    FhirResponse r = fetch(10, "Observation?patient=p1&code=4548-4");
    assertEquals(PAGES * PER_PAGE, r.body().path("entry").size());
    assertEquals(List.of(), links(r.body(), "next"));
    assertEquals(PAGES, requests.size());
  }

  @Test
  void maxResultsStopsThePagingAndTrimsTheEntries() throws IOException {
    FhirResponse r = fetch(10, "Observation?patient=p1&code=4548-4&_maxresults=3");
    assertEquals(List.of("o1-1", "o1-2", "o2-1"), ids(r.body()));
    assertEquals(List.of(), links(r.body(), "next"));
    assertEquals(2, requests.size());
  }

  @Test
  void aNextLinkToAnotherServerIsNotFollowedWithTheToken() throws IOException {
    foreignNext = true;
    FhirResponse r = fetch(3, "Observation?patient=p1&code=4548-4");
    assertEquals(List.of("o1-1", "o1-2"), ids(r.body()));
    assertEquals(List.of(), elsewhereRequests);
  }

  @Test
  void aFailingLaterPageKeepsThePagesSoFar() throws IOException {
    failPage = 3;
    FhirResponse r = fetch(4, "Observation?patient=p1&code=4548-4");
    assertEquals(List.of("o1-1", "o1-2", "o2-1", "o2-2"), ids(r.body()));
    assertEquals(List.of(base + "/Observation?patient=p1&code=4548-4&page=3"), links(r.body(), "next"));
  }

  @Test
  void cdsPrefetchTakesThePageCapAndReportsTheMergedEntries() {
    String serviceBase = base; // discovery is served under /fhir/cds-services by the same loopback server
    Cli.Result r = cli().stdin("{\"userId\":\"Practitioner/1\",\"patientId\":\"p1\"}").run("prefetch", "labs",
        "--base", serviceBase, "--context", "-", "--fhir-server", base, "--prefetch-pages", "2", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    JsonNode out = Json.parse(r.out(), "out");
    assertEquals(4, out.at("/keys/0/entries").asInt(), r.out());
    assertEquals(4, out.at("/prefetch/labs/entry").size());
    Cli.Result bad = cli().stdin("{\"patientId\":\"p1\"}").run("prefetch", "labs", "--base", serviceBase,
        "--context", "-", "--fhir-server", base, "--prefetch-pages", "0");
    assertEquals(2, bad.code(), bad::toString);
    assertTrue(bad.err().contains("--prefetch-pages 0"), bad.err());
  }
}
