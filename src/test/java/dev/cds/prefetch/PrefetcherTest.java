package dev.cds.prefetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
  private static final HookDefinition ORDER_SIGN = HookCatalog.bundled().definition("order-sign", "1.0");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-31T12:00:00Z"), ZoneOffset.UTC);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Templates as a CRD payer might declare them, in declaration order. */
  private static JsonNode templates() {
    return Json.parse("""
        {"patient": "Patient/{{context.patientId}}",
         "user": "{{context.userId}}",
         "coverage": "Coverage?patient={{context.patientId}}&status=active",
         "serviceRequests": "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}}",
         "encounter": "Encounter/{{context.encounterId}}",
         "conditions": "Condition?patient={{context.patientId}}",
         "payer": "Organization?_id={{%coverage.entry.resource.payor.resolve().id}}",
         "hemoglobin": "Observation?patient={{context.patientId}}&code=http://loinc.org|4548-4&date=ge{{today() - 30 days}}",
         "broken": "Patient/{{context.patientId}"}
        """, "templates");
  }

  private static Prefetcher prefetcher() {
    return new Prefetcher(TokenRules.ALL, CLOCK);
  }

  private static ResourceStore store() {
    List<JsonNode> resources = new java.util.ArrayList<>();
    Fixtures.ehrBundle().path("entry").forEach(e -> resources.add(e.get("resource")));
    return ResourceStore.of("ehr.json", resources);
  }

  @Test
  void fetchesFromARealFhirServerWithTheExactQueriesAndSendsOnlyFulfilledKeys() throws Exception {
    try (LoopbackFhir fhir = new LoopbackFhir(store())) {
      RemoteFhirSource source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), fhir.base(), "s3cret");
      PrefetchResult result = prefetcher().run(templates(), Fixtures.orderSignContext(), ORDER_SIGN, source, null, TIMEOUT);

      assertEquals(new TreeSet<>(List.of(
              "Patient/p1",
              "PractitionerRole/r9",
              "Coverage?patient=p1&status=active",
              "ServiceRequest?_id=sr1,sr2",
              "Condition?patient=p1",
              "Organization?_id=payer-a",
              "Observation?patient=p1&code=http://loinc.org%7C4548-4&date=ge2025-03-01")),
          new TreeSet<>(fhir.requests));
      assertEquals(7, fhir.requests.size(), "each URL fetched once: " + fhir.requests);
      assertTrue(fhir.authorizations.stream().allMatch("Bearer s3cret"::equals));
      // %coverage waits for coverage: the payer query comes after it
      assertTrue(fhir.requests.indexOf("Organization?_id=payer-a") > fhir.requests.indexOf("Coverage?patient=p1&status=active"));

      ObjectNode prefetch = result.prefetch();
      assertEquals(List.of("patient", "user", "coverage", "serviceRequests", "conditions", "payer", "hemoglobin"),
          iterable(prefetch));
      assertEquals("p1", prefetch.at("/patient/id").asText());
      assertTrue(prefetch.get("user").isNull(), "a read answered 404 is sent as null");
      assertEquals(1, prefetch.at("/coverage/total").asInt());
      assertEquals("cov1", prefetch.at("/coverage/entry/0/resource/id").asText());
      assertEquals(2, prefetch.at("/serviceRequests/entry").size());
      assertEquals("searchset", prefetch.at("/conditions/type").asText(), "no match keeps the empty searchset");
      assertEquals(0, prefetch.at("/conditions/total").asInt());
      assertFalse(prefetch.get("conditions").has("entry"));
      assertEquals("Payer A", prefetch.at("/payer/entry/0/resource/name").asText());
      assertEquals("o1", prefetch.at("/hemoglobin/entry/0/resource/id").asText());
      assertEquals(1, prefetch.at("/hemoglobin/total").asInt());

      Map<String, KeyReport> byKey = byKey(result);
      assertEquals(KeyReport.State.SKIPPED, byKey.get("encounter").state());
      assertEquals("context.encounterId is absent", byKey.get("encounter").detail());
      assertEquals(KeyReport.State.INVALID, byKey.get("broken").state());
      assertEquals(KeyReport.State.NO_DATA, byKey.get("user").state());
      assertEquals(404, byKey.get("user").status());
      assertEquals(Integer.valueOf(2), byKey.get("serviceRequests").entries());
      assertEquals(List.of("prefetch key 'broken' skipped: '{{' without '}}' at character 9 of 'Patient/{{context.patientId}'"),
          result.warnings());
      assertEquals(fhir.base(), result.source());
    }
  }

  @Test
  void offlineStoreGivesTheSameResultAsTheServer() throws Exception {
    PrefetchResult offline = prefetcher().run(templates(), Fixtures.orderSignContext(), ORDER_SIGN, store(), null, TIMEOUT);
    try (LoopbackFhir fhir = new LoopbackFhir(store())) {
      RemoteFhirSource source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), fhir.base(), null);
      PrefetchResult online = prefetcher().run(templates(), Fixtures.orderSignContext(), ORDER_SIGN, source, null, TIMEOUT);
      assertEquals(online.prefetch(), offline.prefetch());
      assertEquals(online.keys().stream().map(k -> k.key() + " " + k.state() + " " + k.url()).toList(),
          offline.keys().stream().map(k -> k.key() + " " + k.state() + " " + k.url()).toList());
      assertTrue(fhir.authorizations.stream().allMatch(String::isEmpty), "no token, no Authorization header");
    }
  }

  @Test
  void operationOutcomesAreSentAndBareFailuresOmitted() throws Exception {
    try (LoopbackFhir fhir = new LoopbackFhir(store())) {
      fhir.failures.put("Coverage", Map.entry(403,
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"forbidden\"}]}"));
      fhir.failures.put("ServiceRequest", Map.entry(500, ""));
      fhir.failures.put("Condition", Map.entry(404, "<html>not here</html>"));
      RemoteFhirSource source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), fhir.base(), null);
      PrefetchResult result = prefetcher().run(templates(), Fixtures.orderSignContext(), ORDER_SIGN, source, null, TIMEOUT);

      assertEquals("OperationOutcome", result.prefetch().at("/coverage/resourceType").asText());
      assertFalse(result.prefetch().has("serviceRequests"), "500 without detail: omitted");
      assertFalse(result.prefetch().has("conditions"), "a search answered 404 without an OperationOutcome: omitted");
      // payer reads %coverage, which holds no Coverage: skipped rather than guessed
      assertEquals(KeyReport.State.SKIPPED, byKey(result).get("payer").state());
      assertTrue(result.warnings().contains(
          "prefetch key 'coverage': Coverage?patient=p1&status=active answered 403; sending its OperationOutcome"));
      assertTrue(result.warnings().contains("prefetch key 'serviceRequests' not sent: answered HTTP 500 without an OperationOutcome"));
    }
  }

  @Test
  void anUnreachableServerWarnsOncePerKeyAndSendsNothing() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RemoteFhirSource source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()),
        "http://127.0.0.1:" + port + "/fhir", "tok");
    JsonNode templates = Json.parse("""
        {"patient": "Patient/{{context.patientId}}", "coverage": "Coverage?patient={{context.patientId}}"}""", "t");
    PrefetchResult result = prefetcher().run(templates, Fixtures.orderSignContext(), ORDER_SIGN, source, null, TIMEOUT);
    assertFalse(result.hasPrefetch());
    assertEquals(2, result.warnings().size());
    assertTrue(result.warnings().get(0).startsWith("prefetch key 'patient' not sent: connection refused by 127.0.0.1:" + port),
        result.warnings().get(0));
    assertFalse(String.join("\n", result.warnings()).contains("tok"));
  }

  @Test
  void givenKeysWinAndNothingIsFetchedForThem() throws Exception {
    JsonNode given = Json.parse("""
        {"patient": {"resourceType": "Patient", "id": "given"}, "extra": null}""", "given");
    try (LoopbackFhir fhir = new LoopbackFhir(store())) {
      RemoteFhirSource source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), fhir.base(), null);
      JsonNode templates = Json.parse("""
          {"patient": "Patient/{{context.patientId}}", "coverage": "Coverage?patient={{context.patientId}}&status=active"}""", "t");
      PrefetchResult result = prefetcher().run(templates, Fixtures.orderSignContext(), ORDER_SIGN, source, given, TIMEOUT);
      assertEquals(List.of("Coverage?patient=p1&status=active"), fhir.requests);
      assertEquals("given", result.prefetch().at("/patient/id").asText());
      assertTrue(result.prefetch().get("extra").isNull());
      assertEquals(List.of("patient", "coverage", "extra"), iterable(result.prefetch()));
      assertEquals(KeyReport.State.GIVEN, byKey(result).get("patient").state());
    }
  }

  @Test
  void withoutASourceTemplatesAreResolvedButNotSent() {
    PrefetchResult result = prefetcher().run(templates(), Fixtures.orderSignContext(), ORDER_SIGN, null, null, TIMEOUT);
    assertFalse(result.hasPrefetch());
    KeyReport patient = byKey(result).get("patient");
    assertEquals(KeyReport.State.NOT_FETCHED, patient.state());
    assertEquals("Patient/p1", patient.url());
    // payer depends on coverage, which was not fetched: it has nothing to resolve against
    assertEquals(KeyReport.State.SKIPPED, byKey(result).get("payer").state());
    assertTrue(result.table().lines().anyMatch(l -> l.startsWith("patient") && l.contains("Patient/p1")
        && l.contains("not sent: no FHIR source")), result.table());
  }

  @Test
  void laterAndSelfReferencesAreErrors() {
    JsonNode templates = Json.parse("""
        {"a": "Organization?_id={{%b.id}}", "b": "Patient/{{context.patientId}}", "c": "Patient?_id={{%c.id}}",
         "d": "Patient?_id={{%nope.id}}"}""", "t");
    Map<String, KeyReport> r = byKey(prefetcher().run(templates, Fixtures.orderSignContext(), ORDER_SIGN, store(), null, TIMEOUT));
    assertEquals("%b is not a prefetch key listed before 'a' (a template may only use earlier keys; cycles are not allowed)",
        r.get("a").detail());
    assertEquals(KeyReport.State.FETCHED, r.get("b").state());
    assertEquals("%c refers to its own key", r.get("c").detail());
    assertEquals(KeyReport.State.INVALID, r.get("d").state());
  }

  @Test
  void noPrefetchReportsEveryKeyAndSendsNone() {
    PrefetchSettings off = new PrefetchSettings(TokenRules.ALL, null, null, "http://unused", null, true);
    PrefetchResult result = off.open(null, CLOCK, null).fulfil(templates(), Fixtures.orderSignContext(), ORDER_SIGN, TIMEOUT);
    assertFalse(result.hasPrefetch());
    assertEquals(9, result.keys().size());
    assertTrue(result.keys().stream().allMatch(k -> k.detail().equals("prefetch switched off")));
    dev.cds.core.CdsException both = org.junit.jupiter.api.Assertions.assertThrows(dev.cds.core.CdsException.class,
        () -> new PrefetchSettings(TokenRules.ALL, "given.json", null, null, null, true));
    assertEquals(dev.cds.core.ExitCode.USAGE, both.exitCode());
  }

  private static Map<String, KeyReport> byKey(PrefetchResult r) {
    Map<String, KeyReport> m = new java.util.LinkedHashMap<>();
    r.keys().forEach(k -> m.put(k.key(), k));
    return m;
  }

  private static List<String> iterable(ObjectNode n) {
    List<String> keys = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
