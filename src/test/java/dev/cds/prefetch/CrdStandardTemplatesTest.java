package dev.cds.prefetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard prefetch templates of CRD 2.2.1 (its discovery example, copied to
 * src/test/resources/crd/CRDServices.json) fulfilled for the example contexts from
 * examples/fhir/ehr.json: offline, and from a FHIR server holding the same data.
 */
class CrdStandardTemplatesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static JsonNode templates(String serviceId) throws IOException {
    JsonNode doc = Json.parse(Files.readString(Path.of("src/test/resources/crd/CRDServices.json")), "CRDServices.json");
    for (JsonNode s : doc.path("services")) {
      if (s.path("id").asText().equals(serviceId)) {
        return s.get("prefetch");
      }
    }
    throw new AssertionError(serviceId);
  }

  private static PrefetchResult run(String serviceId, String hook, String contextFile, FhirSource source) throws IOException {
    ObjectNode context = (ObjectNode) Json.parse(Files.readString(Path.of(contextFile)), contextFile);
    return new Prefetcher(TokenRules.ALL, Clock.systemUTC())
        .run(templates(serviceId), context, HookCatalog.bundled().definition(hook, null), source, null, TIMEOUT);
  }

  /** key → the URL fetched, or "skipped: why". */
  private static Map<String, String> urls(PrefetchResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyReport k : r.keys()) {
      out.put(k.key(), k.state() == KeyReport.State.FETCHED ? k.url() : k.state().label());
    }
    return out;
  }

  private static ResourceStore ehr() {
    return ResourceStore.load(Path.of("examples/fhir/ehr.json"));
  }

  @Test
  void orderSignTemplatesFollowTheDraftOrdersAndTheEncounter() throws IOException {
    PrefetchResult r = run("order-sign-crd", "order-sign", "examples/contexts/crd-order-sign.json", ehr());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("patient", "Patient/1288992");
    expected.put("encounter", "Encounter/456");
    expected.put("coverage", "Coverage?patient=1288992&status=active");
    expected.put("devices", "Device?_id=wheelchair-1");
    expected.put("medications", "Medication?_id=med-adalimumab");
    expected.put("practitionerRoles", "PractitionerRole?_id=123");
    expected.put("practitioners", "Practitioner?_id=abc");
    expected.put("organizations", "Organization?_id=good-health,pharmacy-1");
    expected.put("locations", "Location?_id=clinic-1");
    assertEquals(expected, urls(r));
    assertEquals(1, r.prefetch().at("/coverage/entry").size());
  }

  @Test
  void appointmentBookTemplatesFollowAlternateReferenceExtensions() throws IOException {
    PrefetchResult r = run("appointment-book-crd", "appointment-book", "examples/contexts/crd-appointment-book.json", ehr());
    Map<String, String> urls = urls(r);
    assertEquals("DeviceRequest?_id=dme-wheelchair-1", urls.get("deviceRequests"), "basedOn.extension('…alternate-reference').value");
    assertEquals("ServiceRequest?_id=physio-referral-1", urls.get("serviceRequests"));
    assertEquals("skipped", urls.get("medicationRequests"), "no MedicationRequest among the alternate references");
    assertEquals("Device?_id=wheelchair-1", urls.get("devices"), "%deviceRequests, an earlier key");
    assertEquals("PractitionerRole?_id=123", urls.get("practitionerRoles"), "%encounter…resolve().ofType(PractitionerRole) | the appointment's");
    assertEquals("Practitioner?_id=abc", urls.get("practitioners"));
    assertEquals("Location?_id=clinic-1", urls.get("locations"));
    assertEquals("Organization?_id=good-health", urls.get("organizations"));
  }

  @Test
  void orderDispatchTemplatesResolveTheDispatchedOrders() throws IOException {
    PrefetchResult r = run("order-dispatch-crd", "order-dispatch", "examples/contexts/crd-order-dispatch.json", ehr());
    Map<String, String> urls = urls(r);
    assertEquals("ServiceRequest?_id=imaging-order-001,imaging-order-002", urls.get("serviceRequests"));
    assertEquals("skipped", urls.get("encounter"), "order-dispatch has no encounterId");
    assertEquals("skipped", urls.get("deviceRequests"));
    assertEquals("Practitioner?_id=abc", urls.get("practitioners"), "the requester of the fetched ServiceRequests");
    assertEquals(2, r.prefetch().at("/serviceRequests/entry").size());
  }

  @Test
  void everyStandardTemplateParsesAndTheEncounterHooksFulfil() throws IOException {
    ObjectNode context = (ObjectNode) Json.parse("{\"userId\": \"PractitionerRole/123\", \"patientId\": \"1288992\","
        + " \"encounterId\": \"456\"}", "context");
    for (String id : List.of("encounter-start-crd", "encounter-discharge-crd")) {
      PrefetchResult r = new Prefetcher(TokenRules.ALL, Clock.systemUTC()).run(templates(id), context,
          HookCatalog.bundled().definition(id.replace("-crd", ""), null), ehr(), null, TIMEOUT);
      Map<String, String> urls = urls(r);
      assertEquals("PractitionerRole?_id=123", urls.get("practitionerRoles"), id);
      assertEquals("Organization?_id=good-health", urls.get("organizations"), id);
      assertEquals("Location?_id=clinic-1", urls.get("locations"), id);
    }
    JsonNode doc = Json.parse(Files.readString(Path.of("src/test/resources/crd/CRDServices.json")), "CRDServices.json");
    for (JsonNode s : doc.path("services")) {
      for (var it = s.path("prefetch").fields(); it.hasNext(); ) {
        var e = it.next();
        try {
          PrefetchTemplate.parse(e.getValue().asText(), TokenRules.FHIRPATH, null);
        } catch (TemplateException ex) {
          throw new AssertionError(s.path("id").asText() + " " + e.getKey() + ": " + ex.getMessage(), ex);
        }
      }
    }
  }

  @Test
  void aFhirServerGivesTheSameResultsAsOffline() throws IOException {
    try (LoopbackFhir fhir = new LoopbackFhir(ehr())) {
      RemoteFhirSource source = new RemoteFhirSource(new UrlConnectionTransport(TlsSettings.defaults()), fhir.base(), "token");
      for (String[] c : new String[][] {
          {"order-sign-crd", "order-sign", "examples/contexts/crd-order-sign.json"},
          {"appointment-book-crd", "appointment-book", "examples/contexts/crd-appointment-book.json"},
          {"order-dispatch-crd", "order-dispatch", "examples/contexts/crd-order-dispatch.json"}}) {
        PrefetchResult online = run(c[0], c[1], c[2], source);
        PrefetchResult offline = run(c[0], c[1], c[2], ehr());
        assertEquals(urls(offline), urls(online), c[0]);
        assertTrue(online.prefetch().size() >= 4, c[0]);
      }
    }
  }

  @Test
  void extensionSelectsByUrl() throws TemplateException {
    JsonNode basedOn = Json.parse("""
        {"context": {"basedOn": [
          {"reference": "ServiceRequest/s1"},
          {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/alternate-reference", "valueReference": {"reference": "DeviceRequest/d1"}},
                         {"url": "http://example.org/other", "valueReference": {"reference": "DeviceRequest/d2"}}]}]}}
        """, "x");
    FhirPath.Parsed p = FhirPath.parse("context.basedOn.extension('http://hl7.org/fhir/StructureDefinition/alternate-reference').value.resolve().id");
    List<JsonNode> ids = p.evaluate(new FhirPath.Env() {
      @Override
      public JsonNode context() {
        return basedOn.get("context");
      }

      @Override
      public JsonNode variable(String key) {
        return null;
      }

      @Override
      public java.time.LocalDate today() {
        return java.time.LocalDate.of(2026, 1, 1);
      }

      @Override
      public JsonNode find(String type, String id) {
        return null;
      }
    });
    assertEquals(List.of(Json.NODES.textNode("d1")), ids);
    TemplateException unquoted = assertThrows(TemplateException.class, () -> FhirPath.parse("context.extension(url).value"));
    assertTrue(unquoted.getMessage().contains("expected a 'string'"), unquoted.getMessage());
  }
}
