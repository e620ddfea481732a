package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule conditions and reply shaping of service definitions, without HTTP. */
class ShapingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
  private static final JsonNode REQUEST = Json.parse("""
      {"hook": "order-sign", "hookInstance": "h-1",
       "context": {"draftOrders": {"resourceType": "Bundle", "entry": [
         {"resource": {"resourceType": "DeviceRequest", "id": "d1"}},
         {"resource": {"resourceType": "MedicationRequest", "id": "m1", "extension": [{"url": "x", "valueString": "kept"}]}}]}},
       "prefetch": {"coverage": {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Coverage", "id": "c9"}}]}},
       "extension": {"davinci-crd.configuration": {"cost": false, "max-cards": 2, "odd": "x"}}}
      """, "request");

  private static boolean when(String json) {
    return RuleMatcher.matches(Json.parse(json, "when"), REQUEST);
  }

  @Test
  void conditionsReadPointersWildcardsCountsTypesDefaultsAndNegation() {
    assertTrue(when("{\"/extension/davinci-crd.configuration/cost\": false}"), "a pointer reaches a key holding dots");
    assertFalse(when("{\"extension.davinci-crd.configuration.cost\": false}"), "a dotted path splits it");
    assertTrue(when("{\"/extension/davinci-crd.configuration/*\": {\"not\": {\"type\": [\"boolean\", \"integer\"]}}}"));
    assertFalse(when("{\"/extension/davinci-crd.configuration/max-cards\": {\"not\": {\"type\": \"integer\"}}}"));
    assertFalse(when("{\"/extension/davinci-crd.configuration/absent\": {\"not\": {\"type\": \"integer\"}}}"), "nothing to fail");
    assertTrue(when("{\"prefetch.coverage.entry.resource\": {\"count\": 1}}"));
    assertTrue(when("{\"context.draftOrders.entry.resource\": {\"count\": {\"min\": 2, \"max\": 2}}}"));
    assertFalse(when("{\"context.draftOrders.entry.resource\": {\"count\": {\"min\": 3}}}"));
    assertTrue(when("{\"context.nothing\": {\"count\": 0}}"));
    assertTrue(when("{\"/extension/davinci-crd.configuration/claim\": {\"default\": true, \"equals\": true}}"));
    assertFalse(when("{\"/extension/davinci-crd.configuration/cost\": {\"default\": true, \"equals\": true}}"));
    assertTrue(when("{\"fhirAuthorization\": {\"present\": false}}"));
    assertTrue(when("{\"context.draftOrders.entry.resource.resourceType\": {\"in\": [\"DeviceRequest\"]}}"));
    assertFalse(when("{\"context.draftOrders.entry.resource.resourceType\": {\"frobnicate\": 1}}"), "an unknown test never holds");
  }

  private static ServiceDefinition definition(String json) {
    return ServiceDefinitions.parse(Json.parse(json, "definition"), Path.of("examples/services/x.json"));
  }

  @Test
  void annotationsDropsAndTheCardLimitShapeASuccessfulReply() {
    ServiceDefinition d = definition("""
        {"id": "s", "hook": "order-sign", "extension": {"davinci-crd.version": ["2.2"]},
         "response": {"body": {"cards": [
             {"summary": "a", "indicator": "info", "source": {"topic": {"code": "cost"}}},
             {"summary": "b", "indicator": "info", "source": {"topic": {"code": "claim"}}},
             {"summary": "c", "indicator": "critical", "source": {"topic": {"code": "claim"}}},
             {"summary": "d", "indicator": "warning", "source": {"topic": {"code": "guideline"}}}]},
           "annotate": [{"each": "context.draftOrders.entry.resource", "where": {"resourceType": "MedicationRequest"},
             "description": "coverage", "extension": {"url": "ci", "extension": [
               {"url": "coverage", "valueReference": {"reference": "Coverage/{{prefetch.coverage.entry.resource.id}}"}},
               {"url": "date", "valueDate": "{{$today}}"}, {"url": "id", "valueString": "a-{{ hookInstance }}"}]}}]},
         "shape": {"drop": [
             {"when": {"/extension/davinci-crd.configuration/cost": false}, "cards": {"source.topic.code": "cost"}},
             {"when": {"/extension/davinci-crd.configuration/ci": false}, "systemActions": {"resource.extension.url": "ci"}}],
           "maxCards": {"from": "/extension/davinci-crd.configuration/max-cards", "default": 10}}}
        """);
    assertEquals(Json.parse("{\"davinci-crd.version\": [\"2.2\"]}", "x"), d.discoveryEntry().get("extension"));
    ServiceDefinition.Reply shaped = d.shape(d.response(), REQUEST, CLOCK);
    JsonNode body = shaped.body();
    assertEquals(List.of("c", "d"), body.findValuesAsText("summary"), "cost dropped; the two most urgent kept, in order");
    assertEquals(1, body.path("systemActions").size(), "only the MedicationRequest is annotated");
    JsonNode resource = body.at("/systemActions/0/resource");
    assertEquals("update", body.at("/systemActions/0/type").asText());
    assertEquals("kept", resource.at("/extension/0/valueString").asText(), "the resource as received, plus the extension");
    assertEquals(Json.parse("""
        {"url": "ci", "extension": [{"url": "coverage", "valueReference": {"reference": "Coverage/c9"}},
          {"url": "date", "valueDate": "2026-03-02"}, {"url": "id", "valueString": "a-h-1"}]}
        """, "x"), resource.at("/extension/1"));
    assertEquals(4, d.response().body().path("cards").size(), "the definition itself is untouched");
  }

  @Test
  void errorRepliesAndServicesThatShapeNothingPassUnchanged() {
    ServiceDefinition plain = definition("{\"id\": \"p\", \"hook\": \"patient-view\", \"response\": {\"body\": {\"cards\": []}}}");
    assertSame(plain.response(), plain.shape(plain.response(), REQUEST, CLOCK), "cached bytes stay usable");
    ServiceDefinition limited = definition("""
        {"id": "l", "hook": "order-sign", "rules": [{"when": {"hook": "order-sign"}, "status": 422,
           "body": {"resourceType": "OperationOutcome"}}],
         "shape": {"maxCards": {"from": "/nowhere"}}}
        """);
    ServiceDefinition.Reply error = limited.rules().get(0).reply();
    assertSame(error, limited.shape(error, REQUEST, CLOCK));
  }

  @Test
  void malformedShapingIsBadInput() {
    for (String bad : List.of(
        "{\"id\": \"x\", \"hook\": \"h\", \"extension\": []}",
        "{\"id\": \"x\", \"hook\": \"h\", \"shape\": {\"drop\": [{\"cards\": {}}]}}",
        "{\"id\": \"x\", \"hook\": \"h\", \"shape\": {\"maxCards\": {\"default\": 3}}}",
        "{\"id\": \"x\", \"hook\": \"h\", \"response\": {\"body\": {}, \"annotate\": [{\"each\": \"context.x\"}]}}",
        "{\"id\": \"x\", \"hook\": \"h\", \"response\": {\"body\": {}, \"annotate\": [{\"each\": \"c\", \"extension\": {},"
            + " \"where\": 1}]}}")) {
      CdsException e = assertThrows(CdsException.class, () -> definition(bad), bad);
      assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    }
  }
}
