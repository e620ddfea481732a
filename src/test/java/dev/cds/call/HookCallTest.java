package dev.cds.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.cards.Expectation;
import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.client.Endpoints;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.Overrides;
import dev.cds.http.HttpFailure;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.prefetch.PrefetchSettings;
import dev.cds.prefetch.TokenRules;
import dev.cds.validate.Finding;
import dev.cds.validate.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The engine without picocli, against scripted loopback servers. */
class HookCallTest {
  private static final HookCatalog CATALOG = HookCatalog.bundled();
  private static final String TWO_ORDER_SIGN = """
      {"services": [
        {"id": "a", "hook": "order-sign", "title": "A", "description": "d", "prefetch": {"p": "Patient/{{context.patientId}}"}},
        {"id": "b", "hook": "order-sign", "title": "B", "description": "d", "prefetch": {"p": "Patient/{{context.patientId}}"}}
      ]}""";
  private static final String GOOD = """
      {"cards": [{"summary": "fine", "indicator": "info", "source": {"label": "L"}}]}""";

  private static HookCall engine(String base) {
    CdsClient client = new CdsClient(new UrlConnectionTransport(TlsSettings.defaults()), Endpoints.of(base),
        Authorizer.NONE, Map.of(), Duration.ofSeconds(2));
    return new HookCall(client, CATALOG, new Validator(CATALOG));
  }

  private static CallSpec spec(String target, String stdin, String given) {
    var prefetch = new PrefetchSettings(TokenRules.ALL, given, null, null, null, false)
        .open(null, Clock.systemUTC(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new CallSpec(target, List.of(), null, null, false, "R4", null, Overrides.parse(List.of()), null, null,
        prefetch, CallSpec.Checks.DEFAULT, Expectation.of(null, null, null, null), false);
  }

  @Test
  void stdinPrefetchIsReadOnceAndReachesEveryService() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery(TWO_ORDER_SIGN)) {
      s.on("/cds-services/a", ScriptedServer.Answer.json(200, GOOD)).on("/cds-services/b", ScriptedServer.Answer.json(200, GOOD));
      CallResult r = engine(s.base()).run(spec("order-sign", "{\"p\": {\"resourceType\": \"Patient\", \"id\": \"x\"}}", "-"),
          HookCall.Listener.NONE);
      assertEquals(ExitCode.OK, r.exitCode(false), r.toString());
      assertTrue(r.byHook());
      assertEquals(2, s.received.size());
      for (String body : s.received) {
        assertTrue(body.contains("\"prefetch\":{\"p\":{\"resourceType\":\"Patient\",\"id\":\"x\"}}"), body);
      }
      String instanceA = Json.parse(s.received.get(0).split(" ", 2)[1], "a").path("hookInstance").asText();
      String instanceB = Json.parse(s.received.get(1).split(" ", 2)[1], "b").path("hookInstance").asText();
      assertEquals(instanceA, instanceB, "one hook invocation: one hookInstance for every service");
    }
  }

  @Test
  void oneServiceFailingNeverHidesAnothersBadCards() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery(TWO_ORDER_SIGN)) {
      s.on("/cds-services/a", new ScriptedServer.Answer(500, "text/html",
          "<html><head><title>Oops</title></head><body><h1>Whitelabel Error Page</h1></body></html>"
              .getBytes(StandardCharsets.UTF_8)));
      s.on("/cds-services/b", ScriptedServer.Answer.json(200, "{\"cards\": [{\"summary\": \"no source\", \"indicator\": \"info\"}]}"));
      List<ServiceCall> seen = new CopyOnWriteArrayList<>();
      CallResult r = engine(s.base()).run(spec("order-sign", "", null), seen::add);
      assertEquals(ExitCode.SERVICE, r.exitCode(false));
      ServiceCall a = r.calls().get(0);
      ServiceCall b = r.calls().get(1);
      assertTrue(a.failed());
      assertEquals("HTTP 500 from " + s.base() + "/cds-services/a: Whitelabel Error Page", a.outcome().error());
      assertFalse(b.failed());
      assertTrue(b.responseFindings().stream().anyMatch(f -> f.path().equals("/cards/0") && f.isError()),
          b.responseFindings().toString());
      assertEquals(2, seen.size(), "the listener sees each answer");
    }
  }

  @Test
  void anUnknownAdvertisedHookVersionFallsBackToTheNearestWithANote() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery("""
        {"services": [{"id": "pv", "hook": "patient-view", "hookVersion": "1.1", "title": "t", "description": "d"}]}""")) {
      s.on("/cds-services/pv", ScriptedServer.Answer.json(200, GOOD));
      CallResult r = engine(s.base()).run(spec("pv", "", null), HookCall.Listener.NONE);
      assertEquals(ExitCode.OK, r.exitCode(false), r.toString());
      assertFalse(r.byHook(), "a service id prints its body");
      assertEquals("1.0", r.calls().get(0).version().version());
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("patient-view 1.1 (advertised by the service) is not in"
          + " cds's hook catalog")), r.notes().toString());
    }
  }

  @Test
  void anIsoLatin1BodyIsDecodedAsDeclaredWithAFinding() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery("""
        {"services": [{"id": "pv", "hook": "patient-view", "title": "t", "description": "d"}]}""")) {
      s.on("/cds-services/pv", ScriptedServer.Answer.json(
          "{\"cards\": [{\"summary\": \"café\", \"indicator\": \"info\", \"source\": {\"label\": \"L\"}}]}",
          StandardCharsets.ISO_8859_1));
      CallResult r = engine(s.base()).run(spec("patient-view", "", null), HookCall.Listener.NONE);
      ServiceCall c = r.calls().get(0);
      assertEquals("café", c.outcome().body().at("/cards/0/summary").asText());
      Finding charset = c.responseFindings().get(0);
      assertEquals("response.charset", charset.rule());
      assertTrue(charset.message().contains("JSON must be UTF-8"), charset.message());
      assertEquals(ExitCode.FINDINGS, r.exitCode(true), "--strict counts it");
    }
  }

  @Test
  void discoveryOfAnEmptyObjectIsNoServicesNotAFailure() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery("{}")) {
      CdsException e = assertThrows(CdsException.class,
          () -> engine(s.base()).run(spec("patient-view", "", null), HookCall.Listener.NONE));
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().contains("no service at this server answers patient-view; it offers no hooks"), e.getMessage());
    }
  }

  @Test
  void aHookNoServiceOffersListsTheOfferedHooksAndTyposSuggestHooksFirst() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery("""
        {"services": [{"id": "order-dispatch-crd", "hook": "order-dispatch", "title": "t", "description": "d"}]}""")) {
      CdsException e = assertThrows(CdsException.class,
          () -> engine(s.base()).prepare(spec("order-sign", "", null)));
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().contains("it offers the hooks order-dispatch"), e.getMessage());
      e = assertThrows(CdsException.class, () -> engine(s.base()).prepare(spec("order-dispatc", "", null)));
      assertTrue(e.getMessage().contains("did you mean order-dispatch?"), e.getMessage());
    }
  }

  @Test
  void aFhirServerAtTheBaseIsNamedAsSuch() throws Exception {
    try (ScriptedServer s = new ScriptedServer().on("/cds-services", ScriptedServer.Answer.json(404,
        "{\"resourceType\": \"OperationOutcome\", \"issue\": [{\"severity\": \"error\", \"code\": \"not-found\","
            + " \"diagnostics\": \"Unknown resource type 'cds-services'\"}]}"))) {
      HttpFailure e = assertThrows(HttpFailure.class, () -> engine(s.base()).prepare(spec("patient-view", "", null)));
      assertEquals(HttpFailure.Kind.STATUS, e.kind());
      assertTrue(e.getMessage().contains("looks like a FHIR base URL"), e.getMessage());
    }
  }

  @Test
  void aDryRunBuildsAndChecksButSendsNothing() throws Exception {
    try (ScriptedServer s = new ScriptedServer().discovery(TWO_ORDER_SIGN)) {
      CallSpec dry = spec("order-sign", "", null);
      dry = new CallSpec(dry.target(), dry.only(), dry.context(), dry.request(), false, "R4", null, dry.overrides(), null,
          null, dry.prefetch(), dry.checks(), dry.expectation(), true);
      CallResult r = engine(s.base()).run(dry, HookCall.Listener.NONE);
      assertTrue(s.received.isEmpty());
      assertEquals(2, r.calls().size());
      assertNull(r.calls().get(0).outcome());
      JsonNode request = r.calls().get(0).request();
      assertEquals("order-sign", request.path("hook").asText());
    }
  }
}
