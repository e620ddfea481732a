package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final String SEEDS = "src/test/resources/validate/seeds/";

  @Test
  void aValidRequestExitsZero() {
    Cli.Result r = cli().terminal().run("validate", SEEDS + "payerbox-request.json");
    assertEquals(0, r.code(), r.toString());
    assertEquals(SEEDS + "payerbox-request.json (request): valid\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void errorsExitOneWithPathMessageAndRule() {
    Cli.Result r = cli().terminal().env("COLUMNS", "200").run("validate", SEEDS + "payerbox-response.json", "--no-color");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("error   /cards/0  'selectionBehavior' is required with suggestions"), r.out());
    assertTrue(r.out().contains("[cds-resp-6]"), r.out());
    assertTrue(r.out().endsWith("(response): 2 errors, 0 warnings\n"), r.out());
  }

  @Test
  void jsonOutputIsTheListOfFindings() {
    Cli.Result r = cli().run("validate", SEEDS + "order-dispatch-1.0.R4.json", "--as", "request");
    // a bare context example: no hook, no hookInstance
    JsonNode list = Json.parse(r.out(), "out");
    assertEquals(1, r.code(), r.toString());
    assertTrue(list.isArray());
    assertEquals("request.hook", list.get(0).path("rule").asText());
    assertEquals("error", list.get(0).path("severity").asText());
    assertTrue(list.get(0).has("path") && list.get(0).has("message"));
  }

  @Test
  void warningsAloneExitZero() {
    String request = """
        {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
         "fhirServer":"http://ehr.example.org/fhir",
         "context":{"userId":"Practitioner/1","patientId":"1"}}
        """;
    Cli.Result r = cli().stdin(request).run("validate", "-", "--output", "json");
    assertEquals(0, r.code(), r.toString());
    assertEquals("request.fhirServer.https", Json.parse(r.out(), "out").get(0).path("rule").asText());
  }

  @Test
  void theSeedsOrderDispatchExampleShowsItsFixes() throws IOException {
    String context = Files.readString(Path.of(SEEDS + "library-order-dispatch.R4.json"));
    String request = "{\"hook\":\"order-dispatch\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
        + context.trim().substring(1);
    Cli.Result r = cli().terminal().env("COLUMNS", "200").stdin(request).run("validate", "-", "--no-color");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("/context/dispatched-orders  'dispatched-orders' is not a context field of"
        + " order-dispatch 1.1: rename it to 'dispatchedOrders'"), r.out());
    assertTrue(r.out().contains("rename it to 'fulfillmentTasks'"), r.out());
    assertTrue(r.out().contains("/context/fulfillment-tasks/0/owner/reference  'Organziation/some-performer':"
        + " Organziation is not a FHIR resource type: did you mean Organization?"), r.out());
    assertTrue(r.out().endsWith("stdin (request): 2 errors, 1 warning\n"), r.out());
  }

  @Test
  void noFhirSkipsTheResourceChecks() {
    Cli.Result r = cli().run("validate", SEEDS + "payerbox-response.json", "--no-fhir", "--output", "json");
    assertEquals(2, Json.parse(r.out(), "out").size(), r.toString());
    String request = "{\"hook\":\"order-dispatch\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
        + "\"context\":{\"patientId\":\"1\",\"order\":\"ServiceRequest/a\",\"performer\":\"Organization/b\","
        + "\"task\":{\"resourceType\":\"Task\",\"status\":\"drafty\",\"intent\":\"order\","
        + "\"focus\":{\"reference\":\"ServiceRequest/a\"}}}}";
    assertEquals(0, cli().stdin(request).run("validate", "-", "--no-fhir").code());
    Cli.Result fhir = cli().stdin(request).run("validate", "-");
    assertEquals(1, fhir.code(), fhir.toString());
    assertTrue(fhir.out().contains("fhir.value.invalid"), fhir.out());
  }

  @Test
  void discoveryAndFeedbackAreRecognised(@TempDir Path dir) throws IOException {
    Path discovery = dir.resolve("discovery.json");
    Files.writeString(discovery, "{\"services\":[{\"hook\":\"patient-view\",\"id\":\"pv\",\"title\":\"T\","
        + "\"description\":\"D\",\"prefetch\":{\"p\":\"Patient/{{context.patientId\"}}]}");
    Cli.Result r = cli().run("validate", discovery.toString());
    assertEquals(1, r.code(), r.toString());
    assertEquals("discovery.prefetch.template", Json.parse(r.out(), "out").get(0).path("rule").asText());
    Path feedback = dir.resolve("feedback.json");
    Files.writeString(feedback, "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\","
        + "\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}]}");
    Cli.Result ok = cli().terminal().run("validate", feedback.toString());
    assertEquals(0, ok.code(), ok.toString());
    assertTrue(ok.out().endsWith("(feedback): valid\n"), ok.out());
  }

  @Test
  void notJsonExitsThree(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"hook\": ");
    Cli.Result r = cli().run("validate", file.toString());
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().startsWith("cds: " + file + " is not valid JSON at line 1"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void anUnrecognisedDocumentExitsThreeAndNamesAs() {
    Cli.Result r = cli().stdin("{\"a\":1}").run("validate", "-");
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains("--as"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    assertEquals(2, cli().stdin("{}").run("validate", "-", "--as", "card").code());
    assertEquals(2, cli().stdin("{}").run("validate", "-", "--fhir-version", "R5").code());
    Cli.Result r = cli().stdin("{\"hook\":\"order-dispatch\",\"hookInstance\":\"x\",\"context\":{}}")
        .run("validate", "-", "--hook-version", "9.9");
    assertEquals(1, r.code(), "an unknown hook version is checked against the nearest known one: " + r);
    assertTrue((r.out() + r.err()).contains("order-dispatch 9.9 (requested) is not in cds's hook catalog (it knows 1.0, 1.1)"), r.toString());
  }

  @Test
  void helpShowsExamplesAndExitCodes() {
    Cli.Result r = cli().run("validate", "--help");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("cds validate request.json"), r.out());
    assertTrue(r.out().contains("environment: cds --help"), r.out());
    assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
  }
}
