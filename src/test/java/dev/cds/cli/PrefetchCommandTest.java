package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cds.core.Json;
import dev.cds.prefetch.FhirEndpoint;
import dev.cds.prefetch.ResourceStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cds prefetch against a loopback CDS server (discovery) and a loopback FHIR server. */
class PrefetchCommandTest {
  private static final String DISCOVERY = """
      {"services": [{"hook": "patient-view", "id": "pv", "description": "d",
        "prefetch": {"patient": "Patient/{{context.patientId}}",
                     "encounter": "Encounter/{{context.encounterId}}",
                     "user": "{{context.userId}}",
                     "coverage": "Coverage?patient={{context.patientId}}&status=active",
                     "bad": "Patient/{{context.patientId"}},
        {"hook": "order-sign", "id": "crd-sign", "description": "d"}]}""";
  private static final String BUNDLE = """
      {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Patient", "id": "p1"}},
        {"resource": {"resourceType": "Practitioner", "id": "doc"}},
        {"resource": {"resourceType": "Coverage", "id": "c1", "status": "active", "beneficiary": {"reference": "Patient/p1"}}}]}""";
  private static final String CONTEXT = "{\"userId\": \"Practitioner/doc\", \"patientId\": \"p1\"}";

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> fhirRequests = new CopyOnWriteArrayList<>();
  private String base;

  @BeforeEach
  void start() throws IOException {
    Path bundle = dir.resolve("ehr.json");
    Files.writeString(bundle, BUNDLE);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", exchange -> {
      byte[] body = DISCOVERY.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    FhirEndpoint fhir = new FhirEndpoint(ResourceStore.load(bundle), "/fhir");
    server.createContext("/fhir", exchange -> {
      fhirRequests.add(exchange.getRequestURI().toString() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      fhir.handle(exchange);
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void reportsAndPrefetchesFromAFhirServerAsJson() {
    Cli.Result r = cli().stdin(CONTEXT).run("prefetch", "pv", "--base", base, "--context", "-",
        "--fhir-server", base + "/fhir", "--fhir-token", "tok-1", "--output", "json");
    assertEquals(0, r.code(), r.toString());
    JsonNode out = Json.parse(r.out(), "out");
    assertEquals("pv", out.path("service").asText());
    assertEquals("p1", out.at("/prefetch/patient/id").asText());
    assertEquals("doc", out.at("/prefetch/user/id").asText());
    assertEquals(1, out.at("/prefetch/coverage/total").asInt());
    assertFalse(out.path("prefetch").has("encounter"));
    assertFalse(out.path("prefetch").has("bad"));
    assertEquals("skipped", out.at("/keys/1/state").asText());
    assertEquals("context.encounterId is absent", out.at("/keys/1/detail").asText());
    assertEquals("invalid", out.at("/keys/4/state").asText());
    assertEquals(List.of("/fhir/Patient/p1 Bearer tok-1", "/fhir/Practitioner/doc Bearer tok-1",
            "/fhir/Coverage?patient=p1&status=active Bearer tok-1"),
        fhirRequests.stream().sorted((a, b) -> order(a) - order(b)).toList());
    assertFalse(r.out().contains("tok-1") || r.err().contains("tok-1"), "the token is never printed");
  }

  private static int order(String request) {
    return request.contains("Patient/") ? 0 : request.contains("Practitioner") ? 1 : 2;
  }

  @Test
  void offlineGivesTheSameTableOnATerminal() {
    Cli.Result r = cli().stdin(CONTEXT).terminal().env("COLUMNS", "200").run("prefetch", "pv", "--base", base, "--context", "-",
        "--prefetch-from", dir.resolve("ehr.json").toString());
    assertEquals(0, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("service pv (patient-view 1.0), data from " + dir.resolve("ehr.json"), lines.get(0));
    assertTrue(lines.get(1).matches("KEY +TEMPLATE +URL +OUTCOME"), lines.get(1));
    assertTrue(lines.get(2).matches("patient +Patient/\\{\\{context.patientId}} +Patient/p1 +200 Patient"), lines.get(2));
    assertTrue(lines.get(3).matches("encounter .* skipped: context.encounterId is absent +not sent"), lines.get(3));
    assertTrue(lines.get(5).matches("coverage .* Coverage\\?patient=p1&status=active +200 Bundle, 1 entry"), lines.get(5));
    assertTrue(lines.get(6).startsWith("bad "), lines.get(6));
    assertTrue(fhirRequests.isEmpty(), "offline never touches the server");
  }

  @Test
  void givenPrefetchWinsAndTokensRulesAreChosen() throws IOException {
    Path given = dir.resolve("given.json");
    Files.writeString(given, "{\"patient\": null}");
    Cli.Result r = cli().stdin(CONTEXT).run("prefetch", "pv", "--base", base, "--context", "-",
        "--prefetch", given.toString(), "--prefetch-from", dir.resolve("ehr.json").toString(),
        "--prefetch-tokens", "2.0", "--output", "json");
    assertEquals(0, r.code(), r.toString());
    JsonNode out = Json.parse(r.out(), "out");
    assertTrue(out.at("/prefetch/patient").isNull());
    assertEquals("given", out.at("/keys/0/state").asText());
  }

  @Test
  void mistakesGetOneLineAndTheRightExitCode() throws IOException {
    Cli.Result unknown = cli().stdin(CONTEXT).run("prefetch", "pvv", "--base", base, "--context", "-");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("cds: 'pvv' is neither a hook nor a service id here: did you mean pv?"), unknown.err());

    Path notJson = dir.resolve("ctx.json");
    Files.writeString(notJson, "{\"patientId\": ");
    Cli.Result bad = cli().run("prefetch", "pv", "--base", base, "--context", notJson.toString());
    assertEquals(3, bad.code());
    assertEquals(1, bad.err().lines().count(), bad.err());

    Cli.Result rules = cli().stdin(CONTEXT).run("prefetch", "pv", "--base", base, "--context", "-", "--prefetch-tokens", "3.0");
    assertEquals(2, rules.code());
    assertEquals("cds: --prefetch-tokens 3.0: not a token rule set: use 2.0, crd, fhirpath or all (cds prefetch --help)\n", rules.err());

    Cli.Result noBase = cli().stdin(CONTEXT).run("prefetch", "pv", "--context", "-");
    assertEquals(2, noBase.code());
  }

  @Test
  void helpFitsEightyColumns() {
    Cli.Result r = cli().run("prefetch", "--help");
    assertEquals(0, r.code());
    r.out().lines().forEach(l -> assertTrue(l.length() <= 80, l));
  }
}
