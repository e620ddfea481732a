package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of the seeds, through the validator with FHIR checks, and the findings a careful
 * reader gives each. The hook library's context examples (seed 002) are extracted verbatim under
 * src/test/resources/validate/seeds/library-HOOK.FHIRVERSION[.n].json and wrapped in a request;
 * the FHIR version is the one their heading names.
 */
class SeedExamplesTest {
  private static final Path SEEDS = Path.of("src/test/resources/validate/seeds");
  private static final Validator VALIDATOR = new Validator(HookCatalog.bundled());

  /** "severity rule path" of each finding, in the order they are reported. */
  private static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
      // the R4 example wraps the AllergyIntolerance like a Bundle entry, and writes it in STU3 form
      Map.entry("library-allergyintolerance-create.R4", List.of(
          "error context.resource /context/allergyIntolerance",
          "error fhir.json.type /context/allergyIntolerance/resource/clinicalStatus",
          "error fhir.json.type /context/allergyIntolerance/resource/verificationStatus",
          "error fhir.element.unknown /context/allergyIntolerance/resource/assertedDate")),
      // STU3 and DSTU2 send a Bundle under the plural name; the hook has one AllergyIntolerance
      Map.entry("library-allergyintolerance-create.STU3", List.of(
          "error context.field.name /context/allergyIntolerances",
          "error context.resource.type /context/allergyIntolerances/resourceType",
          "error fhir.element.required /context/allergyIntolerances")),
      Map.entry("library-allergyintolerance-create.DSTU2", List.of(
          "error context.field.name /context/allergyIntolerances",
          "error context.resource.type /context/allergyIntolerances/resourceType",
          "error fhir.element.required /context/allergyIntolerances")),
      // appointments as an array instead of a Bundle (digest trap 8); the first example also has
      // two Appointments with one id, an empty code system and end times with two seconds fields
      Map.entry("library-appointment-book.STU3", List.of(
          "error context.field.type /context/appointments",
          "warning fhir.resource.duplicate /context/appointments/1",
          "error fhir.value.empty /context/appointments/0/reason/coding/system",
          "error fhir.value.invalid /context/appointments/0/end",
          "error fhir.value.invalid /context/appointments/1/end")),
      Map.entry("library-appointment-book.STU3.2", List.of(
          "error context.field.type /context/appointments")),
      Map.entry("library-encounter-discharge.any", List.of()),
      Map.entry("library-encounter-start.any", List.of()),
      Map.entry("library-patient-view.any", List.of()),
      Map.entry("library-patient-view.any.2", List.of()),
      // every library Bundle below lacks Bundle.type (1..1 in every FHIR version)
      Map.entry("library-medication-refill.R4", List.of(
          "error fhir.element.required /context/medications",
          "error fhir.element.unknown /context/medications/entry/0/resource/dosageInstruction/0/doseQuantity")),
      Map.entry("library-medication-refill.DSTU2", List.of(
          "error fhir.element.required /context/medications")),
      Map.entry("library-order-dispatch.R4", List.of(
          "error context.field.name /context/dispatched-orders",
          "warning context.field.name /context/fulfillment-tasks",
          "error fhir.reference.type /context/fulfillment-tasks/0/owner/reference")),
      // R4: doseAndRate given as one object, NutritionOrder without its required intent
      Map.entry("library-order-select.R4", List.of(
          "error fhir.element.required /context/draftOrders",
          "error fhir.json.type /context/draftOrders/entry/1/resource/dosageInstruction/0/doseAndRate",
          "error fhir.element.required /context/draftOrders/entry/0/resource")),
      Map.entry("library-order-select.STU3", List.of("error fhir.element.required /context/draftOrders")),
      Map.entry("library-order-select.DSTU2", List.of("error fhir.element.required /context/draftOrders")),
      // R4: the dose written in STU3 form (Dosage.doseQuantity), NutritionOrder without intent
      Map.entry("library-order-sign.R4", List.of(
          "error fhir.element.required /context/draftOrders",
          "error fhir.element.unknown /context/draftOrders/entry/1/resource/dosageInstruction/0/doseQuantity",
          "error fhir.element.required /context/draftOrders/entry/0/resource")),
      Map.entry("library-order-sign.STU3", List.of("error fhir.element.required /context/draftOrders")),
      Map.entry("library-order-sign.DSTU2", List.of("error fhir.element.required /context/draftOrders")),
      // R4: Condition.category as plain strings, and STU3's assertedDate
      Map.entry("library-problem-list-item-create.R4", List.of(
          "error fhir.element.required /context/conditions",
          "error fhir.json.type /context/conditions/entry/0/resource/category",
          "error fhir.element.unknown /context/conditions/entry/0/resource/assertedDate")),
      Map.entry("library-problem-list-item-create.STU3", List.of("error fhir.element.required /context/conditions")),
      Map.entry("library-problem-list-item-create.DSTU2", List.of("error fhir.element.required /context/conditions")),
      Map.entry("library-medication-prescribe.STU3", List.of(
          "warning request.hook.deprecated /hook", "error fhir.element.required /context/medications")),
      Map.entry("library-medication-prescribe.DSTU2", List.of(
          "warning request.hook.deprecated /hook", "error fhir.element.required /context/medications")),
      Map.entry("library-order-review.STU3", List.of(
          "warning request.hook.deprecated /hook", "error fhir.element.required /context/orders")),
      Map.entry("library-order-review.DSTU2", List.of(
          "warning request.hook.deprecated /hook", "error fhir.element.required /context/orders")),
      // seed 000: order-dispatch 1.0, told by its order/task fields
      Map.entry("order-dispatch-1.0.R4", List.of(
          "error fhir.value.empty /context/task/code/coding/0/system",
          "error fhir.value.empty /context/task/code/coding/0/code",
          "error fhir.reference.type /context/task/owner/reference")),
      // seed 001: the Payerbox CRD request is right; its card has suggestions without
      // selectionBehavior, and an update action whose Task has no id to update
      Map.entry("payerbox-request", List.of()),
      Map.entry("payerbox-response", List.of(
          "error cds-resp-6 /cards/0",
          "error response.action.resource.id /cards/0/suggestions/0/actions/0/resource"))));

  static Stream<Arguments> examples() {
    return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void seedExampleGetsTheExpectedFindings(String name, List<String> expected) throws IOException {
    List<Finding> findings = findings(name);
    assertEquals(expected, findings.stream().map(RuleFixtures::brief).toList(), () -> RuleFixtures.listing(findings));
  }

  @Test
  void everyExtractedSeedExampleHasItsExpectation() throws IOException {
    try (Stream<Path> files = Files.list(SEEDS)) {
      assertEquals(EXPECTED.keySet(), new java.util.TreeSet<>(files
          .map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).toList()));
    }
  }

  @Test
  void theLibraryOrderDispatchExampleGetsTheFixes() {
    List<Finding> f = findings("library-order-dispatch.R4");
    assertTrue(f.get(0).message().contains("rename it to 'dispatchedOrders'"), f.get(0).message());
    assertTrue(f.get(1).message().contains("rename it to 'fulfillmentTasks'"), f.get(1).message());
    assertTrue(f.get(2).message().contains("Organziation is not a FHIR resource type: did you mean Organization?"),
        f.get(2).message());
  }

  @Test
  void theOrderDispatchOneZeroExampleIsCheckedAsOneZero() {
    JsonNode request = request("order-dispatch-1.0.R4");
    List<Finding> asOneOne = VALIDATOR.validate(request, DocumentKind.REQUEST, new Validator.Options(false, "R4", "1.1"));
    assertTrue(asOneOne.stream().anyMatch(x -> x.rule().equals("context.field.required")
        && x.message().contains("dispatchedOrders")), asOneOne.toString());
    assertEquals(List.of(), VALIDATOR.validate(request, DocumentKind.REQUEST, new Validator.Options(false, "R4", null)));
  }

  @Test
  void aMisspeltFieldStillGetsTheHookRules() {
    ObjectNode request = (ObjectNode) request("library-order-dispatch.R4");
    ((ObjectNode) request.path("context").path("fulfillment-tasks").get(0).path("focus")).put("reference", "ServiceRequest/other");
    List<Finding> f = VALIDATOR.validateRequest(request, false);
    assertTrue(f.stream().anyMatch(x -> x.rule().equals("hook.order-dispatch.task.focus")
        && x.path().equals("/context/fulfillment-tasks/0/focus/reference")), f.toString());
  }

  private static List<Finding> findings(String name) {
    String fhir = name.contains(".R4") ? "R4" : name.contains(".STU3") ? "STU3" : name.contains(".DSTU2") ? "DSTU2" : null;
    JsonNode doc = request(name);
    DocumentKind kind = DocumentKind.detect(doc).orElseThrow();
    return VALIDATOR.validate(doc, kind, new Validator.Options(true, fhir, null));
  }

  /** The seed document; a context example wrapped in a request for its hook. */
  static JsonNode request(String name) {
    JsonNode doc;
    try {
      doc = Json.parse(Files.readString(SEEDS.resolve(name + ".json")), name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (!doc.has("context") || doc.has("hook")) {
      return doc;
    }
    ObjectNode request = Json.object();
    String hook = name.startsWith("library-") ? name.substring("library-".length(), name.indexOf('.')) : "order-dispatch";
    request.put("hook", hook);
    request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
    request.set("context", doc.get("context"));
    return request;
  }
}
