package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.FaultServer;
import dev.cds.client.LoopbackServers;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

class CallCommandTest extends LoopbackServers {
  @Test
  void outOfNetworkPerformerGetsThePriorAuthCard() {
    Cli.Result r = cli().run("call", "order-dispatch", "--base", examples.baseUrl(),
        "--context", "examples/contexts/order-dispatch.json");
    assertEquals(0, r.code(), r::toString);
    JsonNode envelope = Json.parse(r.out(), "out");
    assertEquals("order-dispatch-crd", envelope.path("service").asText(), "a hook prints envelopes, even for one service");
    assertEquals("1.1", envelope.path("hookVersion").asText());
    assertTrue(envelope.path("findings").isArray());
    assertEquals("Prior Authorization required for imaging at selected facility",
        envelope.at("/body/cards/0/summary").asText());
  }

  @Test
  void ruleSwitchesOnContextValues() {
    Cli.Result r = cli().run("call", "order-dispatch", "--base", examples.baseUrl(),
        "--set", "context.performer=Organization/in-network-radiology-123");
    assertEquals("info", Json.parse(r.out(), "out").at("/body/cards/0/indicator").asText(), r::toString);
  }

  @Test
  void prettyOnATerminalShowsServiceAndCard() {
    Cli.Result r = cli().terminal().run("call", "order-dispatch", "--base", examples.baseUrl(), "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("order-dispatch-crd"), r.out());
    assertTrue(r.out().contains("Prior Authorization required"), r.out());
  }

  @Test
  void serviceIdCallsThatService(@TempDir Path dir) throws Exception {
    try (CdsServer recording = TestServices.unstarted()
        .record(dir).start("127.0.0.1", 0, 2)) {
      Cli.Result r = cli().run("call", "order-sign-coverage", "--base", recording.baseUrl() + "/");
      assertEquals(0, r.code(), r::toString);
      List<Path> files;
      try (var s = Files.list(dir)) {
        files = s.toList();
      }
      assertEquals(1, files.size());
      JsonNode sent = Json.parse(Files.readString(files.get(0)), "recorded");
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))),
          "recorded requests may hold access tokens");
      assertEquals("order-sign", sent.path("hook").asText());
      assertEquals(4, UUID.fromString(sent.path("hookInstance").asText()).version());
      assertTrue(sent.at("/context/draftOrders/resourceType").asText().equals("Bundle"));
    }
  }

  @Test
  void prefetchIsFulfilledFromTheFhirServerAndSent(@TempDir Path dir) throws Exception {
    dev.cds.prefetch.ResourceStore store = dev.cds.prefetch.ResourceStore.load(Path.of("examples/fhir/ehr.json"));
    try (CdsServer ehr = TestServices.unstarted()
        .record(dir).mount("/fhir", new dev.cds.prefetch.FhirEndpoint(store, "/fhir")).start("127.0.0.1", 0, 4)) {
      Cli.Result r = cli().run("call", "order-dispatch", "--base", ehr.baseUrl(), "--fhir-server", ehr.baseUrl() + "/fhir");
      assertEquals(0, r.code(), r::toString);
      JsonNode sent;
      try (var files = Files.list(dir)) {
        sent = Json.parse(Files.readString(files.findFirst().orElseThrow()), "recorded");
      }
      assertEquals("1288992", sent.at("/prefetch/patient/id").asText());
      assertEquals(2, sent.at("/prefetch/serviceRequests/entry").size());
      assertEquals("searchset", sent.at("/prefetch/coverage/type").asText());
      Cli.Result none = cli().run("call", "order-dispatch", "--base", ehr.baseUrl(), "--no-prefetch", "--dry-run");
      assertFalse(Json.parse(none.out(), "dry").path("request").has("prefetch"), none::toString);
    }
  }

  @Test
  void requestIsSentAsGivenWithFreshInstanceUnlessKept(@TempDir Path dir) throws Exception {
    Path req = dir.resolve("req.json");
    Files.writeString(req, "{\"hook\":\"order-sign\",\"hookInstance\":\"11111111-1111-4111-8111-111111111111\","
        + "\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\"}},"
        + "\"extension\":{\"vendor\":1}}");
    cli().run("call", "textjson", "--base", faults.base(), "--request", req.toString());
    JsonNode fresh = Json.parse(faults.lastBodies.get("textjson"), "sent");
    assertFalse(fresh.path("hookInstance").asText().startsWith("1111"));
    assertEquals(1, fresh.at("/extension/vendor").asInt());
    cli().run("call", "textjson", "--base", faults.base(), "--request", req.toString(), "--keep-instance");
    assertEquals("11111111-1111-4111-8111-111111111111",
        Json.parse(faults.lastBodies.get("textjson"), "sent").path("hookInstance").asText());
  }

  @Test
  void contextFromStdinAndFullRequestDetected() {
    Cli.Result r = cli().stdin("{\"context\":{\"userId\":\"Practitioner/9\",\"patientId\":\"x\"}}")
        .run("call", "ok", "--base", faults.base(), "--context", "-");
    assertEquals(0, r.code(), r::toString);
    JsonNode sent = Json.parse(faults.lastBodies.get("ok"), "sent");
    assertEquals("Practitioner/9", sent.at("/context/userId").asText());
    assertEquals("patient-view", sent.path("hook").asText());
  }

  @Test
  void fhirServerAndTokenBuildFhirAuthorization() {
    cli().run("call", "ok", "--base", faults.base(), "--fhir-server", "https://ehr.example.org/fhir",
        "--fhir-token", "secret-token", "--fhir-scope", "patient/Patient.read", "--fhir-subject", "svc");
    JsonNode sent = Json.parse(faults.lastBodies.get("ok"), "sent");
    assertEquals("https://ehr.example.org/fhir", sent.path("fhirServer").asText());
    JsonNode auth = sent.path("fhirAuthorization");
    assertEquals("secret-token", auth.path("access_token").asText());
    assertEquals("Bearer", auth.path("token_type").asText());
    assertEquals(300, auth.path("expires_in").asInt());
    assertEquals("svc", auth.path("subject").asText());
    assertEquals(sent.at("/context/patientId").asText(), auth.path("patient").asText());
  }

  @Test
  void fhirAuthorizationWithoutServerIsRefused() {
    Cli.Result r = cli().run("call", "ok", "--base", faults.base(), "--fhir-token", "t");
    assertEquals(2, r.code(), r::toString);
    Cli.Result r2 = cli().run("call", "ok", "--base", faults.base(), "--set", "fhirAuthorization={\"access_token\":\"t\"}");
    assertEquals(2, r2.code(), r2::toString);
  }

  @Test
  void headersAndJsonAcceptAreSent() {
    cli().run("call", "ok", "--base", faults.base(), "-H", "X-Trace: abc");
    assertEquals("abc", faults.lastHeaders.get("ok:x-trace"));
    assertEquals("application/json", faults.lastHeaders.get("ok:accept"));
    assertEquals("application/json", faults.lastHeaders.get("ok:content-type"));
  }

  @Test
  void severalServicesPrintNdjsonAndOthersStillPrintWhenOneFails() {
    Cli.Result r = cli().run("call", "patient-view", "--base", faults.base(), "--timeout", "1s",
        "--service", "ok", "--service", "html500", "--service", "badjson", "--service", "outcome", "--service", "slow");
    assertEquals(4, r.code(), r::toString);
    String[] lines = r.out().strip().split("\n");
    assertEquals(5, lines.length, r::toString);
    java.util.Map<String, JsonNode> by = new java.util.HashMap<>();
    for (String line : lines) {
      JsonNode n = Json.parse(line, "line");
      by.put(n.path("service").asText(), n);
    }
    assertEquals(200, by.get("ok").path("status").asInt());
    assertTrue(by.get("ok").path("body").path("cards").isArray());
    assertTrue(by.get("html500").path("error").asText().contains("HTTP 500"));
    assertTrue(by.get("html500").path("error").asText().contains("Internal Server Error"));
    assertTrue(by.get("badjson").path("error").asText().contains("not JSON"));
    assertTrue(by.get("outcome").path("error").asText().contains("context.patientId missing"));
    assertTrue(by.get("slow").path("error").asText().contains("within 1s"));
    assertEquals("ok", Json.parse(lines[0], "first").path("service").asText(), "discovery order is kept");
    assertFalse(r.err().contains("\tat "));
  }

  @Test
  void timeoutReturnsWithinTheTimeout() {
    long start = System.nanoTime();
    Cli.Result r = cli().run("call", "slow", "--base", faults.base(), "--timeout", "700ms");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(4, r.code(), r::toString);
    assertTrue(ms < 2500, "took " + ms + " ms");
    assertTrue(r.err().contains("within 700ms"), r.err());
  }

  @Test
  void networkFailuresAreOneLineExit4() throws Exception {
    Cli.Result refused = cli().run("call", "patient-view", "--base", "http://127.0.0.1:1");
    assertEquals(4, refused.code(), refused::toString);
    assertTrue(refused.err().contains("connection refused"), refused.err());
    Cli.Result unknown = cli().run("call", "patient-view", "--base", "http://no-such-host.invalid");
    assertEquals(4, unknown.code(), unknown::toString);
    assertTrue(unknown.err().contains("unknown host"), unknown.err());
    try (FaultServer.Resetter reset = new FaultServer.Resetter()) {
      Cli.Result r = cli().run("discover", reset.base());
      assertEquals(4, r.code(), r::toString);
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  @Test
  void unknownServiceListsWhatDiscoveryOffered() {
    Cli.Result r = cli().run("call", "oky", "--base", faults.base());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("did you mean ok?") && r.err().contains("html500"), r.err());
  }

  @Test
  void malformedContextIsBadInputWithLineAndColumn(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"patientId\": \"x\",\n  oops\n}");
    Cli.Result r = cli().run("call", "ok", "--base", faults.base(), "--context", bad.toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("line 3, column"), r.err());
    assertEquals(3, cli().run("call", "ok", "--base", faults.base(), "--context", "/no/such.json").code());
  }

  @Test
  void verboseShowsTrafficWithSecretsRedacted() {
    Cli.Result r = cli().run("call", "ok", "--base", faults.base(), "-v", "-H", "Authorization: Bearer hush-123",
        "--fhir-server", "https://ehr.example.org/fhir", "--fhir-token", "tok-456");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("> POST " + faults.base() + "/cds-services/ok"), r.err());
    assertTrue(r.err().contains("< 200"), r.err());
    assertFalse(r.err().contains("hush-123"), r.err());
    assertFalse(r.err().contains("tok-456"), r.err());
    assertTrue(r.err().contains("[redacted]"));
  }

  @Test
  void noBaseUrlIsUsage() {
    Cli.Result r = cli().run("call", "patient-view");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("CDS_BASE_URL"), r.err());
  }

  @Test
  void onATerminalEachServiceIsShownWhenItAnswersWithAStatusLineForThePending() {
    Cli.Result r = cli().terminal().run("call", "patient-view", "--base", faults.base(), "--timeout", "1s", "--no-color",
        "--service", "ok", "--service", "slow");
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.out().indexOf("── ok") < r.out().indexOf("── slow"), "the fast one first: " + r.out());
    assertTrue(r.out().contains("service failed"), r.out());
    assertTrue(r.err().contains("waiting for slow"), r.err());
    Cli.Result piped = cli().run("call", "patient-view", "--base", faults.base(), "--timeout", "1s",
        "--service", "ok", "--service", "slow");
    assertFalse(piped.err().contains("waiting for"), "pipes stay quiet: " + piped.err());
  }
}
