package dev.cds.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import dev.cds.crd.CrdConfiguration.Policy;
import dev.cds.hooks.HookCatalog;
import dev.cds.prefetch.FhirEndpoint;
import dev.cds.prefetch.FhirSource;
import dev.cds.prefetch.Prefetcher;
import dev.cds.prefetch.RemoteFhirSource;
import dev.cds.prefetch.ResourceStore;
import dev.cds.prefetch.TokenRules;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import dev.cds.validate.CrdScope;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import dev.cds.validate.Validator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example CRD payer (examples/services/crd) over real HTTP, called the way an EHR would:
 * discovery, prefetch fulfilled offline from examples/fhir/ehr.json (or from its FHIR endpoint),
 * the CRD extension built by {@link CrdConfiguration}. Each response is checked by the validator.
 */
class CrdPayerEndToEndTest {
  private static final UrlConnectionTransport HTTP = new UrlConnectionTransport(TlsSettings.defaults());
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Validator VALIDATOR = new Validator(HookCatalog.bundled());
  /** Hook → its example context; below, the number of request resources its coverage information annotates. */
  private static final Map<String, String> CONTEXTS = Map.of(
      "order-sign", "examples/contexts/crd-order-sign.json",
      "appointment-book", "examples/contexts/crd-appointment-book.json",
      "order-dispatch", "examples/contexts/crd-order-dispatch.json");
  private static final Map<String, Integer> ANNOTATED = Map.of("order-sign", 2, "appointment-book", 1, "order-dispatch", 2);

  static CdsServer server;
  static JsonNode discovery;
  static ResourceStore ehr;

  @BeforeAll
  static void start() throws Exception {
    ehr = ResourceStore.load(Path.of("examples/fhir/ehr.json"));
    server = new CdsServer(ServiceDefinitions.load(Path.of("examples/services/crd")), null, Clock.systemUTC())
        .mount("/fhir", new FhirEndpoint(ehr, "/fhir"))
        .start("127.0.0.1", 0, 4);
    discovery = Json.parse(HTTP.send(HttpCall.get(URI.create(server.baseUrl() + "/cds-services"), TIMEOUT)).body(), "discovery");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode service(String hook) {
    for (JsonNode s : discovery.path("services")) {
      if (s.path("hook").asText().equals(hook)) {
        return s;
      }
    }
    throw new AssertionError("no " + hook + " service");
  }

  /** A request as an EHR builds it: context, prefetch from {@code source}, the CRD extension. */
  private static ObjectNode request(String hook, FhirSource source, List<String> config, String version, Policy policy) {
    JsonNode service = service(hook);
    ObjectNode context = (ObjectNode) Json.read(CONTEXTS.get(hook), null);
    ObjectNode request = Json.object();
    request.put("hook", hook);
    request.put("hookInstance", UUID.randomUUID().toString());
    request.put("fhirServer", server.baseUrl() + "/fhir");
    ObjectNode auth = request.putObject("fhirAuthorization");
    auth.put("access_token", "opaque").put("token_type", "Bearer").put("expires_in", 30)
        .put("scope", "user/*.read").put("subject", "exhp-crd");
    request.set("context", context);
    var result = new Prefetcher(TokenRules.ALL, Clock.systemUTC()).run(service.get("prefetch"), context,
        HookCatalog.bundled().definition(hook, null), source, null, TIMEOUT);
    request.set("prefetch", result.prefetch());
    CrdConfiguration.build(service, config, version, policy).applyTo(request);
    return request;
  }

  private static ObjectNode request(String hook, String... config) {
    return request(hook, ehr, List.of(config), null, Policy.REFUSE);
  }

  private static HttpResult post(String hook, JsonNode request) throws Exception {
    return HTTP.send(HttpCall.postJson(URI.create(server.baseUrl() + "/cds-services/" + service(hook).path("id").asText()),
        Json.compact(request).getBytes(StandardCharsets.UTF_8), TIMEOUT));
  }

  private static JsonNode answer(String hook, JsonNode request) throws Exception {
    HttpResult r = post(hook, request);
    assertEquals(200, r.status(), r.bodyText());
    JsonNode body = Json.parse(r.body(), "response");
    List<Finding> findings = VALIDATOR.validate(body, DocumentKind.RESPONSE,
        Validator.Options.of(true).withCrd(CrdScope.forResponse(request, service(hook), false)));
    assertEquals(List.of(), findings, "the example payer keeps CDS Hooks and CRD rules");
    return body;
  }

  private static Set<String> topics(JsonNode response) {
    Set<String> out = new TreeSet<>();
    response.path("cards").forEach(c -> out.add(c.at("/source/topic/code").asText()));
    return out;
  }

  private static int coverageActions(JsonNode response) {
    int n = 0;
    for (JsonNode a : response.path("systemActions")) {
      n += ResponseTypes.hasCoverageInformation(a.path("resource")) ? 1 : 0;
    }
    return n;
  }

  /** The boolean card-type options a service offers (coverage-info is a system action, not a card). */
  private static List<String> cardOptions(String hook) {
    List<String> out = new ArrayList<>();
    for (ConfigurationOption o : CrdService.of(service(hook)).options()) {
      if ("boolean".equals(o.type()) && !o.code().equals(CrdCodes.COVERAGE_INFO_OPTION)) {
        out.add(o.code());
      }
    }
    return out;
  }

  @Test
  void discoveryAdvertisesVersionsAndOptions() {
    for (String hook : CONTEXTS.keySet()) {
      CrdService crd = CrdService.of(service(hook));
      assertTrue(crd.versions().contains("2.2"), hook);
      assertTrue(crd.option("coverage-info").isPresent() && crd.option("max-cards").isPresent(), hook);
      assertEquals("integer", crd.option("max-cards").orElseThrow().type());
    }
    List<Finding> findings = VALIDATOR.validate(discovery, DocumentKind.DISCOVERY, Validator.Options.of(false));
    assertEquals(List.of(), findings.stream().filter(f -> f.isError() || f.rule().startsWith("crd")).toList());
  }

  @Test
  void byDefaultEveryCardTypeComesWithCoverageInformationOnEachOrder() throws Exception {
    for (String hook : CONTEXTS.keySet()) {
      JsonNode response = answer(hook, request(hook));
      assertEquals(new TreeSet<>(cardOptions(hook)), topics(response), hook);
      assertEquals(ANNOTATED.get(hook), coverageActions(response), hook + ": one Coverage Information action per order");
      for (JsonNode a : response.path("systemActions")) {
        assertEquals(ResponseType.COVERAGE_INFORMATION, ResponseTypes.ofSystemAction(a));
        CoverageAssertion ca = CoverageAssertion.of(a.path("resource")).get(0);
        assertEquals("Coverage/cov-001", ca.coverage());
      }
    }
  }

  @Test
  void eachBooleanOptionSwitchesItsCardsOffAndOn() throws Exception {
    for (String hook : CONTEXTS.keySet()) {
      for (String code : cardOptions(hook)) {
        JsonNode off = answer(hook, request(hook, code + "=false"));
        Set<String> expected = new TreeSet<>(cardOptions(hook));
        expected.remove(code);
        assertEquals(expected, topics(off), hook + " " + code + "=false");
        assertEquals(ANNOTATED.get(hook), coverageActions(off), "other options leave coverage information alone");
        JsonNode on = answer(hook, request(hook, code + "=true"));
        assertTrue(topics(on).contains(code), hook + " " + code + "=true");
      }
      JsonNode noCoverage = answer(hook, request(hook, "coverage-info=false"));
      assertEquals(0, coverageActions(noCoverage), hook + " coverage-info=false");
      assertEquals(new TreeSet<>(cardOptions(hook)), topics(noCoverage));
    }
  }

  @Test
  void maxCardsKeepsTheMostUrgent() throws Exception {
    JsonNode two = answer("order-sign", request("order-sign", "max-cards=2"));
    assertEquals(2, two.path("cards").size());
    assertEquals("warning", two.at("/cards/0/indicator").asText(), "the warning card is kept before info cards");
    assertEquals(Set.of("therapy-alternatives-opt", "clinical-reminder"), topics(two));
    assertEquals(0, answer("order-sign", request("order-sign", "max-cards=0")).path("cards").size());
    assertEquals(5, answer("order-sign", request("order-sign", "max-cards=50")).path("cards").size());
  }

  @Test
  void unknownOptionsAreIgnored() throws Exception {
    JsonNode plain = answer("order-sign", request("order-sign"));
    ObjectNode r = request("order-sign", ehr, List.of("colour=true", "urgency=3"), null, Policy.SEND);
    assertEquals(Json.parse("{\"colour\": true, \"urgency\": 3}", "c"), r.at("/extension/davinci-crd.configuration"));
    assertEquals(topics(plain), topics(answer("order-sign", r)));
  }

  @Test
  void versionsAreNegotiatedAndAnUnsupportedOneIs422() throws Exception {
    ObjectNode negotiated = request("order-sign");
    assertEquals("2.2", negotiated.at("/extension/davinci-crd.requestedVersion").asText(), "the highest of 2.1 and 2.2");
    answer("order-sign", negotiated);
    answer("order-sign", request("order-sign", ehr, List.of(), "2.1", Policy.REFUSE));
    HttpResult old = post("order-sign", request("order-sign", ehr, List.of(), "2.0", Policy.REFUSE));
    assertOutcome(422, old);
    assertTrue(old.bodyText().contains("2.1 and 2.2 only"), old.bodyText());
  }

  @Test
  void coverageProblemsAre400() throws Exception {
    ObjectNode two = request("order-sign");
    ((ObjectNode) two.get("context")).put("patientId", "two-plans");
    two.set("prefetch", refetch("order-sign", two));
    assertEquals(2, two.at("/prefetch/coverage/entry").size());
    assertOutcome(400, post("order-sign", two));

    ObjectNode none = request("order-sign");
    ((ObjectNode) none.get("context")).put("patientId", "no-plan");
    none.set("prefetch", refetch("order-sign", none));
    assertEquals(0, none.at("/prefetch/coverage/total").asInt());
    assertOutcome(400, post("order-sign", none));

    ObjectNode other = request("appointment-book");
    ((ObjectNode) other.at("/prefetch/coverage/entry/0/resource/payor/0")).remove("identifier");
    assertOutcome(400, post("appointment-book", other));
  }

  @Test
  void crdRuleViolationsAre422() throws Exception {
    ObjectNode noToken = request("order-dispatch");
    noToken.remove("fhirAuthorization");
    assertOutcome(422, post("order-dispatch", noToken));
    assertOutcome(422, post("order-sign", request("order-sign", ehr, List.of("max-cards=lots"), null, Policy.SEND)));
    assertOutcome(422, post("order-sign", request("order-sign", ehr, List.of("cost=maybe"), null, Policy.SEND)));
  }

  @Test
  void prefetchFromTheFhirServerEqualsOfflinePrefetch() throws Exception {
    FhirSource remote = new RemoteFhirSource(HTTP, server.baseUrl() + "/fhir", "opaque");
    for (String hook : CONTEXTS.keySet()) {
      JsonNode online = request(hook, remote, List.of(), null, Policy.REFUSE).get("prefetch");
      JsonNode offline = request(hook).get("prefetch");
      assertEquals(offline.size(), online.size(), hook);
      offline.fieldNames().forEachRemaining(k -> assertEquals(ids(offline.get(k)), ids(online.get(k)), hook + " " + k));
    }
  }

  private static JsonNode refetch(String hook, ObjectNode request) {
    return new Prefetcher(TokenRules.ALL, Clock.systemUTC()).run(service(hook).get("prefetch"), (ObjectNode) request.get("context"),
        HookCatalog.bundled().definition(hook, null), ehr, null, TIMEOUT).prefetch();
  }

  private static Set<String> ids(JsonNode value) {
    Set<String> out = new TreeSet<>();
    if (value.has("entry")) {
      value.path("entry").forEach(e -> out.add(e.at("/resource/resourceType").asText() + "/" + e.at("/resource/id").asText()));
    } else {
      out.add(value.path("resourceType").asText() + "/" + value.path("id").asText());
    }
    return out;
  }

  private static void assertOutcome(int status, HttpResult r) {
    assertEquals(status, r.status(), r.bodyText());
    assertEquals("OperationOutcome", Json.parse(r.body(), "outcome").path("resourceType").asText());
  }
}
