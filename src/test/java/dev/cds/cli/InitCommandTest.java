package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.hooks.ContextField;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InitCommandTest {
  static Stream<Arguments> everyHookVersionAndFhirVersion() {
    HookCatalog catalog = HookCatalog.bundled();
    List<Arguments> all = new ArrayList<>();
    for (HookCatalog.Entry e : catalog.entries()) {
      for (String v : e.versions()) {
        for (String fhir : catalog.definition(e.hook(), v).templates().keySet()) {
          all.add(Arguments.of(e.hook(), v, fhir));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyHookVersionAndFhirVersion")
  void skeletonHasEveryRequiredFieldOfTheRightType(String hook, String version, String fhir) {
    Cli.Result r = cli().run("init", hook, "--hook-version", version, "--fhir-version", fhir);
    assertEquals(0, r.code(), r::toString);
    JsonNode request = Json.parse(r.out(), "stdout");
    assertEquals(hook, request.path("hook").asText());
    UUID instance = UUID.fromString(request.path("hookInstance").asText());
    assertEquals(4, instance.version());
    HookDefinition def = HookCatalog.bundled().definition(hook, version);
    JsonNode context = request.path("context");
    for (ContextField f : def.fields()) {
      if (f.required()) {
        assertTrue(context.has(f.name()), hook + " lacks required " + f.name());
      }
      if (context.has(f.name())) {
        assertEquals(f.type(), jsonType(context.get(f.name())), hook + "." + f.name());
      } else {
        assertFalse(f.required());
      }
    }
    context.fieldNames().forEachRemaining(n -> assertTrue(def.field(n).isPresent(), hook + " has unknown " + n));
  }

  @ParameterizedTest(name = "{0} {1} {2} --full")
  @MethodSource("everyHookVersionAndFhirVersion")
  void fullSkeletonHasEveryField(String hook, String version, String fhir) {
    Cli.Result r = cli().run("init", hook, "--hook-version", version, "--fhir-version", fhir, "--full");
    JsonNode context = Json.parse(r.out(), "stdout").path("context");
    for (ContextField f : HookCatalog.bundled().definition(hook, version).fields()) {
      assertTrue(context.has(f.name()), hook + " --full lacks " + f.name());
    }
  }

  @Test
  void hookInstanceIsFreshEachTime() {
    String a = Json.parse(cli().run("init", "patient-view").out(), "a").path("hookInstance").asText();
    String b = Json.parse(cli().run("init", "patient-view").out(), "b").path("hookInstance").asText();
    assertFalse(a.equals(b));
  }

  @Test
  void orderDispatchVersionsDiffer() {
    JsonNode v11 = Json.parse(cli().run("init", "order-dispatch").out(), "1.1").path("context");
    JsonNode v10 = Json.parse(cli().run("init", "order-dispatch", "--hook-version", "1.0").out(), "1.0").path("context");
    assertTrue(v11.has("dispatchedOrders") && v11.get("dispatchedOrders").isArray());
    assertTrue(v10.has("order") && v10.get("order").isTextual());
    assertFalse(v10.has("dispatchedOrders"));
  }

  @Test
  void fhirVersionsUseThatVersionsResources() {
    String stu3 = cli().run("init", "order-sign", "--fhir-version", "STU3").out();
    String dstu2 = cli().run("init", "medication-prescribe", "--fhir-version", "DSTU2").out();
    String r4 = cli().run("init", "order-sign").out();
    assertTrue(stu3.contains("\"MedicationRequest\"") && !stu3.contains("\"ServiceRequest\""), stu3);
    assertTrue(dstu2.contains("\"MedicationOrder\""), dstu2);
    assertTrue(r4.contains("\"ServiceRequest\"") || r4.contains("\"MedicationRequest\""), r4);
    assertFalse(r4.contains("\"ProcedureRequest\""));
  }

  @Test
  void setOverridesByPathAndKeepsStringFieldsStrings() {
    Cli.Result r = cli().run("init", "order-dispatch",
        "--set", "context.patientId=123",
        "--set", "context.performer=Organization/9",
        "--set", "context.dispatchedOrders[1]=ServiceRequest/x",
        "--set", "extension={\"davinci-crd.configuration\":{\"max-cards\":3}}",
        "--set", "context.fulfillmentTasks=[]");
    assertEquals(0, r.code(), r::toString);
    JsonNode req = Json.parse(r.out(), "out");
    assertTrue(req.at("/context/patientId").isTextual());
    assertEquals("123", req.at("/context/patientId").asText());
    assertEquals("Organization/9", req.at("/context/performer").asText());
    assertEquals("ServiceRequest/x", req.at("/context/dispatchedOrders/1").asText());
    assertEquals(3, req.at("/extension/davinci-crd.configuration/max-cards").asInt());
    assertTrue(req.at("/context/fulfillmentTasks").isArray());
  }

  @Test
  void fhirServerAddsCompleteAuthorizationPlaceholder() {
    JsonNode req = Json.parse(cli().run("init", "patient-view", "--fhir-server", "https://ehr.example.org/fhir").out(), "o");
    assertEquals("https://ehr.example.org/fhir", req.path("fhirServer").asText());
    for (String f : List.of("access_token", "token_type", "expires_in", "scope", "subject")) {
      assertTrue(req.path("fhirAuthorization").has(f), f);
    }
    assertFalse(Json.parse(cli().run("init", "patient-view").out(), "o").has("fhirAuthorization"));
  }

  @Test
  void unknownHookSuggestsNearestName() {
    Cli.Result r = cli().run("init", "order-dispach");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("did you mean order-dispatch?"), r.err());
  }

  @Test
  void missingExampleForVersionIsBadInput() {
    Cli.Result r = cli().run("init", "medication-prescribe");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("no R4 example") && r.err().contains("STU3"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void adaptedTemplateSaysSo() {
    Cli.Result r = cli().run("init", "appointment-book");
    assertEquals(0, r.code());
    assertTrue(r.err().contains("adapts its STU3 example"), r.err());
  }

  @Test
  void unknownFhirVersionIsUsage() {
    assertEquals(2, cli().run("init", "patient-view", "--fhir-version", "R5").code());
  }

  @Test
  void writesOutputFileWhole(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("req.json");
    Cli.Result r = cli().run("init", "order-sign", "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.out());
    assertEquals("order-sign", Json.parse(Files.readString(out), "f").path("hook").asText());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }

  private static String jsonType(JsonNode n) {
    return n.isTextual() ? "string" : n.isArray() ? "array" : n.isObject() ? "object" : n.getNodeType().name();
  }
}
