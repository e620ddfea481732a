package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The invariants of CDS Hooks 3.0 and of the hook library as rules: every id in
 * {@code spec/invariants.txt} (copied from the spec's invariants folder) is a rule id, and has a
 * fixture that breaks it, under the spec version given, with the finding it must produce. The
 * fixture style is {@link RuleFixturesTest}'s: a valid document, edits, the expected finding.
 */
class InvariantFixturesTest {
  private static final Validator VALIDATOR = new Validator(dev.cds.hooks.HookCatalog.bundled());

  record Fixture(String base, SpecVersion spec, String severity, String rule, String path, List<String> edits)
      implements RuleFixtures.Fixture {
    @Override
    public JsonNode document() {
      return InvariantFixturesTest.base(base);
    }

    @Override
    public List<Finding> findings(JsonNode doc) {
      DocumentKind kind = switch (base) {
        case "response" -> DocumentKind.RESPONSE;
        case "discovery" -> DocumentKind.DISCOVERY;
        case "feedback" -> DocumentKind.FEEDBACK;
        default -> DocumentKind.REQUEST;
      };
      String[] parts = base.split(" ");
      String version = parts.length > 1 ? parts[1] : null;
      Validator.Options options = new Validator.Options(true, kind == DocumentKind.REQUEST ? "R4" : null, version, spec);
      return VALIDATOR.validate(doc, kind, options);
    }

    @Override
    public boolean tolerated(Finding f) {
      return f.isNote();
    }

    @Override
    public String toString() {
      return rule + " " + spec.label() + " (" + base + ": " + String.join(" ", edits) + ")";
    }
  }

  static Fixture v2(String base, String severity, String rule, String path, String... edits) {
    return new Fixture(base, SpecVersion.V2_0, severity, rule, path, List.of(edits));
  }

  static Fixture v3(String base, String severity, String rule, String path, String... edits) {
    return new Fixture(base, SpecVersion.V3_0, severity, rule, path, List.of(edits));
  }

  static Stream<Fixture> fixtures() {
    return Stream.of(
        // requests
        v3("patient-view", "error", "cds-r-1", "/fhirAuthorization", "-fhirServer"),
        v3("patient-view", "warning", "cds-r-2", "/fhirAuthorization",
            "fhirAuthorization.scope=patient/Patient.rs", "-fhirAuthorization.patient"),
        v3("patient-view", "note", "request.fhirAuthorization.scope", "/fhirAuthorization/scope",
            "fhirAuthorization.scope=user/Patient.read"),
        v2("patient-view", "note", "request.fhirAuthorization.scope", "/fhirAuthorization/scope",
            "fhirAuthorization.scope=user/Patient.rs user/Observation.rs"),
        v3("patient-view", "error", "ord-1", "/context/userId", "context.userId=abc"),
        v3("patient-view", "error", "ord-1", "/context/userId", "context.userId=https://ehr.example.org/fhir/Practitioner/1"),
        v2("order-select", "error", "ord-1", "/context/selections/0", "context.selections[0]=MedicationRequest/a b"),
        v2("order-dispatch", "error", "ord-1", "/context/performer", "context.performer=Organization/"),
        v2("medication-verify", "warning", "hook.orders.active", "/context/medication/status",
            "context.medication.status=completed"),
        v2("medication-verify", "error", "context.field.name", "/context/order", "-context.medication",
            "context.order={\"resourceType\":\"MedicationRequest\",\"id\":\"m\",\"status\":\"active\",\"intent\":\"order\","
                + "\"subject\":{\"reference\":\"Patient/1288992\"},\"medicationCodeableConcept\":{\"text\":\"x\"}}"),
        v2("medication-verify", "error", "context.resource.type", "/context/medication/resourceType",
            "context.medication.resourceType=ServiceRequest"),
        // responses
        v3("response", "error", "cds-resp-1", "/cards/0/suggestions", "cards[0].suggestions[1].isRecommended=true"),
        v2("response", "warning", "cds-resp-1", "/cards/0/suggestions", "cards[0].suggestions[1].isRecommended=true"),
        v3("response", "error", "cds-resp-2", "/cards/0/suggestions/0/actions/2", "-cards[0].suggestions[0].actions[2].resourceId"),
        v3("response", "warning", "cds-resp-2", "/cards/0/suggestions/0/actions/2/resource",
            "cards[0].suggestions[0].actions[2].resource=ServiceRequest/ct1"),
        v3("response", "error", "cds-resp-3", "/cards/0/links/0/appContext", "cards[0].links[0].appContext=x"),
        v3("response", "error", "cds-resp-4", "/cards/0/overrideReasons/0", "-cards[0].overrideReasons[0].display"),
        v3("response", "error", "cds-resp-5", "/cards/0/suggestions/0/actions/0", "-cards[0].suggestions[0].actions[0].description"),
        v3("response", "error", "cds-resp-6", "/cards/0", "-cards[0].selectionBehavior"),
        v3("response", "error", "cds-resp-7", "/cards/0/suggestions/0/actionSelectionBehavior",
            "cards[0].suggestions[0].actionSelectionBehavior=one"),
        v2("response", "warning", "cds-resp-7", "/cards/0/suggestions/0/actionSelectionBehavior",
            "cards[0].suggestions[0].actionSelectionBehavior=one"),
        v2("response", "warning", "cds-resp-7", "/cards/0/suggestions/0/actionSelectionBehavior",
            "cards[0].suggestions[0].actionSelectionBehavior=any"),
        // feedback
        v3("feedback", "error", "cds-fb-1", "/feedback/0/outcome", "feedback[0].outcome=ignored"),
        v3("feedback", "error", "cds-fb-2", "/feedback/0", "-feedback[0].acceptedSuggestions"),
        v3("feedback", "error", "cds-fb-3", "/feedback/1/overrideReason", "-feedback[1].overrideReason.reason",
            "-feedback[1].overrideReason.userComment"),
        // discovery: version, hookVersion, query restrictions
        v3("discovery", "note", "discovery.service.version", "/services/0", "-services[0].version"),
        v2("discovery", "warning", "discovery.service.version", "/services/0/version", "services[0].version=STU3"),
        v3("discovery", "warning", "discovery.service.version", "/services/0/version", "services[0].version=\"3.0\""),
        v3("discovery", "error", "discovery.service.hookVersion", "/services/0/hookVersion", "services[0].hookVersion=1"),
        v2("discovery", "warning", "discovery.service.hookVersion", "/services/0/hookVersion", "services[0].hookVersion=1"),
        v3("discovery", "warning", "discovery.service.hookVersion", "/services/0/hookVersion", "services[0].hookVersion=v1"),
        v3("discovery", "warning", "discovery.service.hookVersion.unknown", "/services/0/hookVersion",
            "services[0].hookVersion=\"1.3\""),
        v3("discovery", "warning", "discovery.prefetch.restrictions", "/services/0/prefetch/patient",
            "services[0].prefetch.patient=Patient/{{context.patientId}}/_history"),
        v3("discovery", "warning", "discovery.prefetch.restrictions", "/services/0/prefetch/coverage",
            "services[0].prefetch.coverage=Coverage?patient={{context.patientId}}&_include=Coverage:payor"),
        v3("discovery", "warning", "discovery.prefetch.restrictions", "/services/0/prefetch/coverage",
            "services[0].prefetch.coverage=Coverage?patient:missing=false"),
        v3("discovery", "warning", "discovery.prefetch.restrictions", "/services/0/prefetch/coverage",
            "services[0].prefetch.coverage=Coverage?patient={{context.patientId}}&period=sa2020-01-01"),
        v3("discovery", "warning", "discovery.prefetch.restrictions", "/services/0/prefetch/coverage",
            "services[0].prefetch.coverage=Coverage?patient.name=smith"),
        v2("discovery", "warning", "discovery.prefetch.restrictions", "/services/0/prefetch/coverage",
            "services[0].prefetch.coverage=Coverage?patient={{context.patientId}}&_maxresults=5"),
        v2("discovery", "warning", "discovery.prefetch.tokens", "/services/0/prefetch/coverage",
            "services[0].prefetch.coverage=Coverage?patient={{context.patientId}}&_lastUpdated=gt{{today() - 30 days}}"));
  }

  /** Edits that are fine: each must leave a valid document valid under the spec version given. */
  static Stream<Fixture> passing() {
    return Stream.of(
        v3("response", "", "", "", "cards[0].suggestions[0].actionSelectionBehavior=at-most-one"),
        v3("response", "", "", "", "cards[0].suggestions[0].actionSelectionBehavior=all"),
        v3("discovery", "", "", "", "services[0].hookVersion=1.1.0"),
        v3("discovery", "", "", "", "services[0].hookVersion=1.0.1"),
        v3("discovery", "", "", "", "services[0].prefetch.coverage=Coverage?patient={{context.patientId}}&_maxresults=5&_sort=-period"),
        v3("discovery", "", "", "", "services[0].prefetch.coverage=Coverage?patient={{context.patientId}}&_lastUpdated=gt{{today() - 30 days}}"),
        v3("discovery", "", "", "", "services[0].prefetch.coverage=Coverage?status:in=http://x.example.org/vs&period=ge2020-01-01"),
        v3("discovery", "", "", "", "services[0].prefetch.user={{context.userId}}"),
        v3("patient-view", "", "", "", "fhirAuthorization.scope=user/Patient.rs launch openid fhirUser"),
        v2("patient-view", "", "", "", "fhirAuthorization.scope=user/Patient.read user/*.*"),
        v2("order-sign 1.1", "", "", "", "context.draftOrders.entry[0].resource.status=active"),
        v3("feedback", "", "", "", "feedback[1].overrideReason={\"userComment\":\"not now\"}"));
  }

  /** Discovery for these fixtures: the shared one, with the 3.0 members a 3.0 service sends. */
  private static JsonNode base(String base) {
    JsonNode doc = RuleFixturesTest.base(base);
    if (base.equals("discovery")) {
      doc = FixtureEdits.byPath(doc, List.of("services[0].version=3.0.0", "services[0].hookVersion=\"1.0\"",
          "services[1].version=3.0.0"));
    }
    return doc;
  }

  @TestFactory
  Stream<DynamicTest> theEditBreaksItsRule() {
    return RuleFixtures.breakTheirRule(fixtures());
  }

  @TestFactory
  Stream<DynamicTest> theEditKeepsTheDocumentValid() {
    return RuleFixtures.stayValid(passing());
  }

  @Test
  void everyInvariantOfTheSpecIsARuleWithAFailingFixture() throws IOException {
    Map<String, String> invariants = invariantList();
    assertEquals(13, invariants.size(), "the copied list: cds-r-1..2, cds-resp-1..7, cds-fb-1..3, ord-1");
    Set<String> fixtured = fixtures().map(Fixture::rule).collect(Collectors.toSet());
    for (Map.Entry<String, String> e : invariants.entrySet()) {
      assertTrue(Invariants.isInvariant(e.getKey()), e.getKey() + " has no rule");
      assertTrue(fixtured.contains(e.getKey()), e.getKey() + " has no failing fixture");
      // under 3.0 each rule reports at the severity the invariant declares
      assertTrue(fixtures().anyMatch(f -> f.rule().equals(e.getKey()) && f.spec() == SpecVersion.V3_0
          && f.severity().equals(e.getValue())) || e.getKey().equals("ord-1"),
          e.getKey() + " has no 3.0 fixture at its declared severity " + e.getValue());
    }
    List<String> rules = Stream.of(Invariants.all().spliterator()).flatMap(s -> java.util.stream.StreamSupport.stream(s, false))
        .map(Invariants.Invariant::id).toList();
    assertEquals(List.copyOf(invariants.keySet()).stream().sorted().toList(), rules.stream().sorted().toList(),
        "Invariants lists exactly the spec's ids");
  }

  @Test
  void oldIdsStayAsAliasesInJson() {
    JsonNode doc = FixtureEdits.byPath(base("response"), List.of("-cards[0].selectionBehavior"));
    Finding f = VALIDATOR.validate(doc, DocumentKind.RESPONSE, Validator.Options.of(false)).get(0);
    assertEquals("cds-resp-6", f.toJson().path("rule").asText());
    assertEquals("response.card.selectionBehavior", f.toJson().path("aliases").path(0).asText());
    assertTrue(f.is("response.card.selectionBehavior") && f.is("cds-resp-6"));
    Finding other = Finding.error("response.card.summary", "/cards/0", "x");
    assertTrue(other.toJson().path("aliases").isMissingNode(), "rules without a former id carry no aliases");
  }

  private static Map<String, String> invariantList() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = InvariantFixturesTest.class.getResourceAsStream("/spec/invariants.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.trim().split("\\s+");
          out.put(parts[0], parts[1]);
        }
      }
    }
    return out;
  }
}
