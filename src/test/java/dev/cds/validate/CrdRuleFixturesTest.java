package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Da Vinci CRD rule: edits of a valid document that must break it (failing fixtures) and
 * edits that stay within it (passing fixtures). Edits are {@link FixtureEdits#byPointer}'s:
 * {@code /json/pointer=VALUE} (JSON values go in as JSON, {@code -} as the last step appends) or
 * {@code -/json/pointer} to remove.
 * The guide's ids come from src/test/resources/crd (copied from the guide, see its README).
 */
class CrdRuleFixturesTest {
  private static final Validator VALIDATOR = new Validator(HookCatalog.bundled());
  private static final String CI = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";
  private static final String EXT = "/systemActions/0/resource/extension/0";
  private static final String OPTIONS = "/services/5/extension/davinci-crd.configuration-options";
  private static final String CONFIG = "/extension/davinci-crd.configuration";
  private static final String DEFAULT_CONFIG = "{\"claim\": false, \"max-cards\": 5}";

  /** A valid CRD response to order-sign: External Reference, Instructions, Propose Alternate Request, coverage information. */
  static final String RESPONSE = """
      {"cards": [
        {"uuid": "a0000000-0000-4000-8000-000000000001", "summary": "Power wheelchair coverage policy",
         "detail": "A face-to-face examination is needed.", "indicator": "info",
         "source": {"label": "Example Health Plan",
                    "topic": {"system": "http://terminology.hl7.org/CodeSystem/cdshooks-card-type", "code": "guideline"}},
         "links": [{"label": "Policy", "url": "https://exhp.example.org/policy", "type": "absolute"}]},
        {"uuid": "a0000000-0000-4000-8000-000000000002", "summary": "Expected copay: $20", "detail": "Per visit.",
         "indicator": "info",
         "source": {"label": "Example Health Plan",
                    "topic": {"system": "http://terminology.hl7.org/CodeSystem/cdshooks-card-type", "code": "cost"}}},
        {"uuid": "a0000000-0000-4000-8000-000000000003", "summary": "A biosimilar is covered", "indicator": "warning",
         "source": {"label": "Example Health Plan",
                    "topic": {"system": "http://terminology.hl7.org/CodeSystem/cdshooks-card-type", "code": "therapy-alternatives-opt"}},
         "suggestions": [{"label": "Switch", "uuid": "a0000000-0000-4000-8000-000000000004", "actions": [
           {"type": "delete", "description": "Remove the order", "resourceId": "MedicationRequest/med-request-1"},
           {"type": "create", "description": "Order the biosimilar",
            "resource": {"resourceType": "MedicationRequest", "status": "draft", "intent": "order",
                         "subject": {"reference": "Patient/1288992"}, "medicationCodeableConcept": {"text": "adalimumab-aaty"}}}]}],
         "selectionBehavior": "at-most-one"}],
       "systemActions": [{"type": "update", "description": "Coverage information",
         "resource": {"resourceType": "DeviceRequest", "id": "dme-wheelchair-1", "status": "draft", "intent": "order",
           "codeReference": {"reference": "Device/wheelchair-1"}, "subject": {"reference": "Patient/1288992"},
           "extension": [{"url": "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information", "extension": [
             {"url": "coverage", "valueReference": {"reference": "Coverage/cov-001"}},
             {"url": "covered", "valueCode": "covered"},
             {"url": "pa-needed", "valueCode": "auth-needed"},
             {"url": "doc-needed", "valueCode": "clinical"},
             {"url": "doc-purpose", "valueCode": "withpa"},
             {"url": "reason", "valueCodeableConcept": {"coding": [
               {"system": "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp", "code": "auth-out-network"}]}},
             {"url": "questionnaire", "valueCanonical": "http://example.org/Questionnaire/pmd"},
             {"url": "detail", "extension": [{"url": "category", "valueCode": "cat-limitation"},
               {"url": "code", "valueCodeableConcept": {"text": "allowed-quantity"}}, {"url": "value", "valueQuantity": {"value": 1}}]},
             {"url": "date", "valueDate": "2026-03-02"},
             {"url": "coverage-assertion-id", "valueString": "asrt-1"}]}]}}]}
      """;
  private static final String COVERAGE_CARD = """
      {"uuid": "a0000000-0000-4000-8000-000000000009", "summary": "Coverage ends soon", "indicator": "info",
       "source": {"label": "Example Health Plan",
                  "topic": {"system": "http://terminology.hl7.org/CodeSystem/cdshooks-card-type", "code": "insurance"}},
       "suggestions": [{"label": "Update", "uuid": "a0000000-0000-4000-8000-000000000010", "actions": [
         {"type": "update", "description": "New end date", "resource": {"resourceType": "Coverage", "id": "cov-001",
          "status": "active", "beneficiary": {"reference": "Patient/1288992"}, "payor": [{"reference": "Organization/o"}]}}]}],
       "selectionBehavior": "at-most-one"}
      """;

  record Fixture(boolean fails, String base, String hook, String config, String severity, String rule, String path,
      List<String> edits) implements RuleFixtures.Fixture {
    @Override
    public JsonNode document() {
      return CrdRuleFixturesTest.base(base);
    }

    /** CRD scope from the base, hook and configuration. */
    @Override
    public List<Finding> findings(JsonNode doc) {
      Validator.Options fhir = new Validator.Options(false, base.equals("order-select")
          || base.equals("order-sign") ? null : "R4", null);
      return switch (base) {
        case "discovery" -> VALIDATOR.validate(doc, DocumentKind.DISCOVERY, fhir);
        case "response" -> {
          ObjectNode request = Json.object();
          request.put("hook", hook == null ? "order-sign" : hook);
          request.putObject("extension").set("davinci-crd.configuration",
              Json.parse(config == null ? DEFAULT_CONFIG : config, "config"));
          yield VALIDATOR.validate(doc, DocumentKind.RESPONSE, fhir.withCrd(CrdScope.forResponse(request, null, true)));
        }
        default -> VALIDATOR.validate(doc, DocumentKind.REQUEST, fhir.withCrd(CrdScope.forRequest(service(base), false)));
      };
    }

    @Override
    public JsonNode edited() {
      return FixtureEdits.byPointer(document(), edits);
    }

    /** The base document under the default scope: the hook and configuration of a fixture may not suit it. */
    @Override
    public List<Finding> findingsOfBase() {
      return new Fixture(true, base, null, null, null, null, null, List.of()).findings(document());
    }

    /** The base documents keep every CRD rule and have no errors; other warnings are not theirs to fix. */
    @Override
    public boolean tolerated(Finding f) {
      return !f.rule().startsWith("crd") && !f.isError();
    }

    @Override
    public String toString() {
      return rule + (fails ? " fails" : " holds") + " (" + base + (hook == null ? "" : " " + hook) + ": "
          + String.join(" ", edits) + ")";
    }
  }

  static Fixture fail(String base, String severity, String rule, String path, String... edits) {
    return new Fixture(true, base, null, null, severity, rule, path, List.of(edits));
  }

  static Fixture failAs(String base, String hook, String config, String severity, String rule, String path, String... edits) {
    return new Fixture(true, base, hook, config, severity, rule, path, List.of(edits));
  }

  static Fixture pass(String base, String rule, String... edits) {
    return new Fixture(false, base, null, null, null, rule, null, List.of(edits));
  }

  static Fixture passAs(String base, String hook, String config, String rule, String... edits) {
    return new Fixture(false, base, hook, config, null, rule, null, List.of(edits));
  }

  static Stream<Fixture> fixtures() {
    String card = "{\"uuid\": \"a0000000-0000-4000-8000-0000000000%s\", \"summary\": \"More\", \"detail\": \"d\","
        + " \"indicator\": \"info\", \"source\": {\"label\": \"Example Health Plan\", \"topic\": {\"system\":"
        + " \"http://terminology.hl7.org/CodeSystem/cdshooks-card-type\", \"code\": \"%s\"}}}";
    return Stream.of(
        // discovery: the guide's own example (CRDServices.json), service 5 is order-sign-crd
        fail("discovery", "error", CrdRules.DEV_1, "/services/5/extension", "-/services/5/extension/davinci-crd.version"),
        fail("discovery", "error", CrdRules.DEV_1, "/services/5/extension/davinci-crd.version",
            "/services/5/extension/davinci-crd.version=[]"),
        pass("discovery", CrdRules.DEV_1, "/services/5/extension/davinci-crd.version=[\"2.1\", \"2.2\"]"),
        fail("discovery", "error", CrdRules.CRDVER_1, "/services/5/extension/davinci-crd.version/0",
            "/services/5/extension/davinci-crd.version/0=\"2.2.1\""),
        fail("discovery", "error", CrdRules.CRDVER_1, "/services/5/extension/davinci-crd.version/0",
            "/services/5/extension/davinci-crd.version/0=2.2"),
        pass("discovery", CrdRules.CRDVER_1, "/services/5/extension/davinci-crd.version/0=\"2.0\""),
        fail("discovery", "error", CrdRules.DEV_4, OPTIONS + "/0", "-" + OPTIONS + "/0/name"),
        fail("discovery", "error", CrdRules.DEV_4, OPTIONS + "/0/type", OPTIONS + "/0/type=\"string\""),
        fail("discovery", "error", CrdRules.DEV_4, OPTIONS + "/0", "-" + OPTIONS + "/0/default"),
        fail("discovery", "error", CrdRules.DEV_4, OPTIONS + "/0/default", OPTIONS + "/0/default=\"yes\""),
        fail("discovery", "error", CrdRules.DEV_4, OPTIONS, OPTIONS + "={}"),
        pass("discovery", CrdRules.DEV_4, OPTIONS + "/0/default=false"),
        fail("discovery", "error", CrdRules.DEV_5, OPTIONS + "/0/type", OPTIONS + "/0/type=\"integer\"", OPTIONS + "/0/default=1"),
        pass("discovery", CrdRules.DEV_5, OPTIONS + "/12/default=3"),
        fail("discovery", "error", CrdRules.DEV_7, OPTIONS + "/0/code", OPTIONS + "/0/code=\"coverage info\""),
        fail("discovery", "warning", CrdRules.DEV_7, OPTIONS + "/0/code", OPTIONS + "/0/code=\"therapy-alternative\""),
        pass("discovery", CrdRules.DEV_7, OPTIONS + "/12/code=\"max-alerts\""),
        fail("discovery", "error", CrdRules.DEV_8, OPTIONS + "/1/name", OPTIONS + "/1/name=\"Coverage Information\""),
        fail("discovery", "error", CrdRules.DEV_8, OPTIONS + "/1/code", OPTIONS + "/1/code=\"coverage-info\""),
        pass("discovery", CrdRules.DEV_8, OPTIONS + "/1/name=\"Insurance\""),
        fail("discovery", "warning", CrdRules.DEV_9, OPTIONS + "/0", OPTIONS + "/0/name=\"Coverage\""),
        pass("discovery", CrdRules.DEV_9, OPTIONS + "/0/description=\"Coverage, prior authorization and documentation\""),
        // requests: examples/requests/crd-*.json, to the examples/services/crd service of their hook
        fail("order-sign", "error", CrdRules.HOOK_20, "", "-/fhirServer"),
        pass("order-sign", CrdRules.HOOK_20, "/fhirServer=\"https://ehr.example.org/r4\""),
        fail("order-sign", "error", CrdRules.FOUND_20, "", "-/fhirAuthorization"),
        pass("order-sign", CrdRules.FOUND_20, "/fhirAuthorization/scope=\"user/Patient.read\""),
        fail("order-sign", "warning", CrdRules.FOUND_22, "/fhirAuthorization/expires_in", "/fhirAuthorization/expires_in=300"),
        pass("order-sign", CrdRules.FOUND_22, "/fhirAuthorization/expires_in=10"),
        fail("order-sign", "error", CrdRules.FOUND_36, "/context/draftOrders/entry/0/resource",
            "-/context/draftOrders/entry/0/resource/id"),
        fail("appointment-book", "error", CrdRules.FOUND_36, "/context/appointments/entry/0/resource",
            "-/context/appointments/entry/0/resource/id"),
        pass("order-dispatch", CrdRules.FOUND_36, "/context/fulfillmentTasks/0/id=\"task-2\""),
        fail("appointment-book", "error", CrdRules.HOOK_24, "/context/appointments/entry/0/resource",
            "/context/appointments/entry/0/resource/resourceType=\"Encounter\""),
        pass("appointment-book", CrdRules.HOOK_24, "-/context/encounterId"),
        fail("order-dispatch", "error", CrdRules.HOOK_31, "/context/dispatchedOrders/1",
            "/context/dispatchedOrders/1=\"ReferralRequest/r1\""),
        fail("order-dispatch", "error", CrdRules.HOOK_31, "/context/fulfillmentTasks/0",
            "/context/fulfillmentTasks/0/resourceType=\"ServiceRequest\""),
        pass("order-dispatch", CrdRules.HOOK_31, "/context/dispatchedOrders/1=\"DeviceRequest/dme-wheelchair-1\""),
        // CRD is FHIR R4: an STU3 request type passes the catalog's STU3 rules, not the CRD model
        fail("order-select", "error", CrdRules.HOOK_35, "/context/draftOrders/entry/0/resource",
            "/context/draftOrders/entry/0/resource/resourceType=\"ProcedureRequest\""),
        pass("order-select", CrdRules.HOOK_35, "/context/selections/-=\"MedicationRequest/med-request-1\""),
        fail("order-sign", "error", CrdRules.HOOK_37, "/context/draftOrders/entry/1/resource",
            "/context/draftOrders/entry/1/resource/resourceType=\"ProcedureRequest\""),
        pass("order-sign", CrdRules.HOOK_37, "-/context/draftOrders/entry/1"),
        fail("order-sign", "error", CrdRules.DEV_29, "/prefetch/coverage",
            "/prefetch/coverage/entry/-={\"resource\": {\"resourceType\": \"Coverage\", \"id\": \"cov-9\", \"status\": \"active\"}}"),
        pass("order-sign", CrdRules.DEV_29,
            "/prefetch/coverage/entry/-={\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p9\"}}"),
        fail("order-sign", "error", CrdRules.DEV_26, "/prefetch/coverage/entry/0/resource/status",
            "/prefetch/coverage/entry/0/resource/status=\"cancelled\""),
        fail("order-sign", "warning", CrdRules.DEV_26, "/prefetch/coverage", "-/prefetch/coverage/entry"),
        pass("order-sign", CrdRules.DEV_26, "/prefetch/coverage/entry/0/resource/period={\"start\": \"2026-01-01\"}"),
        fail("order-sign", "error", CrdRules.DEV_12, CONFIG, CONFIG + "=\"claim=false\""),
        fail("order-sign", "error", CrdRules.DEV_12, CONFIG + "/max-cards", CONFIG + "/max-cards=\"3\""),
        fail("order-sign", "error", CrdRules.DEV_12, CONFIG + "/claim", CONFIG + "/claim=1"),
        fail("order-sign", "warning", CrdRules.DEV_12, CONFIG + "/cost", CONFIG + "/cost=false"),
        pass("order-sign", CrdRules.DEV_12, CONFIG + "/guideline=false"),
        fail("order-sign", "error", CrdRules.DEV_3, "/extension", "-/extension/davinci-crd.requestedVersion"),
        fail("order-sign", "error", CrdRules.DEV_3, "/extension/davinci-crd.requestedVersion",
            "/extension/davinci-crd.requestedVersion=\"2.2.1\""),
        fail("order-sign", "warning", CrdRules.DEV_3, "/extension/davinci-crd.requestedVersion",
            "/extension/davinci-crd.requestedVersion=\"2.0\""),
        pass("order-sign", CrdRules.DEV_3, "/extension/davinci-crd.requestedVersion=\"2.1\""),
        pass("order-dispatch", CrdRules.DEV_3, "-/extension/davinci-crd.requestedVersion"),
        // responses to order-sign with {"claim": false, "max-cards": 5}
        fail("response", "error", CrdRules.RESP_13, "/cards/0", "-/cards/0/uuid"),
        pass("response", CrdRules.RESP_13, "/cards/0/uuid=\"a0000000-0000-4000-8000-0000000000ff\""),
        fail("response", "error", CrdRules.RESP_3, "/cards/2/suggestions/0", "-/cards/2/suggestions/0/uuid"),
        pass("response", CrdRules.RESP_3, "/cards/2/suggestions/0/label=\"Use the biosimilar\""),
        fail("response", "error", CrdRules.RESP_5, "/cards/0/source", "-/cards/0/source/topic"),
        fail("response", "error", CrdRules.RESP_5, "/cards/0/source/topic/code", "/cards/0/source/topic/code=\"prior-auth\""),
        fail("response", "warning", CrdRules.RESP_5, "/cards/0/source/topic/system",
            "/cards/0/source/topic/system=\"http://example.org/topics\""),
        pass("response", CrdRules.RESP_5, "/cards/0/source/topic/system=\"http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp\""),
        fail("response", "error", CrdRules.RESP_19, "/cards/0/links/0/url", "/cards/0/links/0/url=\"ftp://exhp.example.org/p\""),
        fail("response", "error", CrdRules.RESP_19, "/cards/0/links/0/appContext", "/cards/0/links/0/appContext=\"x=1\""),
        pass("response", CrdRules.RESP_19, "/cards/0/links/-={\"label\": \"Print\", \"url\": \"http://exhp.example.org/p.pdf\","
            + " \"type\": \"absolute\"}"),
        fail("response", "error", CrdRules.RESP_24, "/cards/1", "-/cards/1/detail"),
        pass("response", CrdRules.RESP_24, "/cards/1/links=[{\"label\": \"Fees\", \"url\": \"https://exhp.example.org/fees\","
            + " \"type\": \"absolute\"}]", "-/cards/1/detail"),
        fail("response", "error", CrdRules.RESP_25, "/cards/2",
            "/cards/2/suggestions/0/actions/1/resource/extension=[{\"url\": \"" + CI + "\"}]"),
        pass("response", CrdRules.RESP_25, "/cards/2/suggestions/0/actions/1/resource/extension=[{\"url\": \"http://x.example.org/e\","
            + " \"valueString\": \"a\"}]"),
        fail("response", "error", CrdRules.RESP_53, "/cards/2/suggestions/0/actions", "-/cards/2/suggestions/0/actions/1"),
        fail("response", "error", CrdRules.RESP_53, "/cards/2/suggestions/0/actions",
            "/cards/2/suggestions/0/actions/-={\"type\": \"update\", \"description\": \"x\", \"resource\": {\"resourceType\":"
                + " \"MedicationRequest\", \"id\": \"m2\", \"status\": \"draft\", \"intent\": \"order\", \"subject\":"
                + " {\"reference\": \"Patient/1\"}, \"medicationCodeableConcept\": {\"text\": \"x\"}}}"),
        pass("response", CrdRules.RESP_53, "/cards/2/suggestions/0/actions/-={\"type\": \"create\", \"description\": \"Add the"
            + " medication\", \"resource\": {\"resourceType\": \"Medication\", \"id\": \"m1\"}}"),
        fail("response", "error", CrdRules.RESP_52, EXT + "/extension/10", EXT + "/extension/-={\"url\": \"colour\", \"valueCode\": \"red\"}"),
        fail("response", "error", CrdRules.RESP_52, EXT + "/extension/1/valueCode", EXT + "/extension/1/valueCode=\"maybe\""),
        fail("response", "error", CrdRules.RESP_52, EXT + "/extension/8/valueDate", EXT + "/extension/8/valueDate=\"2026/03/02\""),
        fail("response", "error", CrdRules.RESP_52, EXT + "/extension/9", EXT + "/extension/9={\"url\": \"coverage-assertion-id\","
            + " \"valueInteger\": 1}"),
        fail("response", "error", CrdRules.RESP_52, EXT, "-" + EXT + "/extension/0"),
        fail("response", "error", CrdRules.RESP_52, EXT, EXT + "/extension/-={\"url\": \"covered\", \"valueCode\": \"covered\"}"),
        fail("response", "error", CrdRules.RESP_52, EXT + "/extension/0/valueReference/reference",
            EXT + "/extension/0/valueReference/reference=\"Patient/1288992\""),
        fail("response", "error", CrdRules.RESP_52, EXT + "/extension/7", "-" + EXT + "/extension/7/extension/0"),
        fail("response", "error", CrdRules.RESP_52, "/systemActions/0/type", "/systemActions/0/type=\"create\""),
        fail("response", "error", CrdRules.RESP_52, "/systemActions/0/resourceId", "/systemActions/0/resourceId=\"DeviceRequest/dme-wheelchair-1\""),
        pass("response", CrdRules.RESP_52, EXT + "/extension/-={\"url\": \"expiry-date\", \"valueDate\": \"2026-12\"}"),
        fail("response", "error", CrdRules.CI_Q1, EXT, "-" + EXT + "/extension/3"),
        pass("response", CrdRules.CI_Q1, "-" + EXT + "/extension/6"),
        fail("response", "error", CrdRules.CI_Q2, EXT, EXT + "/extension/1/valueCode=\"not-covered\""),
        pass("response", CrdRules.CI_Q2, EXT + "/extension/1/valueCode=\"not-covered\"", "-" + EXT + "/extension/4", "-" + EXT + "/extension/2"),
        fail("response", "error", CrdRules.CI_Q3, EXT, EXT + "/extension/2/valueCode=\"conditional\""),
        fail("response", "warning", CrdRules.CI_Q3, EXT, EXT + "/extension/-={\"url\": \"info-needed\", \"valueCode\": \"performer\"}"),
        pass("response", CrdRules.CI_Q3, EXT + "/extension/2/valueCode=\"conditional\"",
            EXT + "/extension/-={\"url\": \"info-needed\", \"valueCode\": \"location\"}"),
        fail("response", "error", CrdRules.CI_Q4, EXT, EXT + "/extension/2/valueCode=\"no-auth\""),
        fail("response", "error", CrdRules.CI_Q4, EXT, EXT + "/extension/2/valueCode=\"satisfied\"",
            EXT + "/extension/-={\"url\": \"satisfied-pa-id\", \"valueString\": \"pa-1\"}"),
        pass("response", CrdRules.CI_Q4, EXT + "/extension/2/valueCode=\"no-auth\"", EXT + "/extension/4/valueCode=\"withclaim\""),
        fail("response", "error", CrdRules.CI_Q5, EXT, EXT + "/extension/2/valueCode=\"satisfied\"", EXT + "/extension/4/valueCode=\"withorder\""),
        fail("response", "error", CrdRules.CI_Q5, EXT, EXT + "/extension/-={\"url\": \"satisfied-pa-id\", \"valueString\": \"pa-1\"}"),
        pass("response", CrdRules.CI_Q5, EXT + "/extension/2/valueCode=\"satisfied\"", EXT + "/extension/4/valueCode=\"withorder\"",
            EXT + "/extension/-={\"url\": \"satisfied-pa-id\", \"valueString\": \"pa-1\"}"),
        fail("response", "error", CrdRules.CI_Q6, EXT, "-" + EXT + "/extension/5", "-" + EXT + "/extension/4",
            EXT + "/extension/-={\"url\": \"info-needed\", \"valueCode\": \"OTH\"}"),
        pass("response", CrdRules.CI_Q6, EXT + "/extension/-={\"url\": \"info-needed\", \"valueCode\": \"OTH\"}"),
        fail("response", "error", CrdRules.CI_Q7, EXT, EXT + "/extension/5/valueCodeableConcept/coding/0/system=\"http://x.example.org/r\""),
        pass("response", CrdRules.CI_Q7, EXT + "/extension/5/valueCodeableConcept/coding/0/system=\"http://x.example.org/r\"",
            EXT + "/extension/5/valueCodeableConcept/text=\"Out of network\""),
        pass("response", CrdRules.CI_Q7, EXT + "/extension/5/valueCodeableConcept/coding/0/system=\"http://terminology.hl7.org/CodeSystem/v3-ActReason\""),
        fail("response", "error", CrdRules.CI_Q8, EXT, "-" + EXT + "/extension/5"),
        pass("response", CrdRules.CI_Q8, "-" + EXT + "/extension/5", "-" + EXT + "/extension/4"),
        fail("response", "error", CrdRules.CI_Q9, EXT, "-" + EXT + "/extension/5", "-" + EXT + "/extension/4",
            EXT + "/extension/1/valueCode=\"indeterminate\""),
        pass("response", CrdRules.CI_Q9, EXT + "/extension/1/valueCode=\"indeterminate\""),
        fail("response", "error", CrdRules.RESP_32, "/systemActions/1/resource/extension/0", "/systemActions/-=$/systemActions/0",
            "/systemActions/1/resource/id=\"dme-2\"", "/systemActions/1" + EXT.substring("/systemActions/0".length())
                + "/extension/0/valueReference/reference=\"Coverage/cov-002\""),
        pass("response", CrdRules.RESP_32, "/systemActions/-=$/systemActions/0", "/systemActions/1/resource/id=\"dme-2\""),
        fail("response", "warning", CrdRules.RESP_38, EXT, "-" + EXT + "/extension/6"),
        pass("response", CrdRules.RESP_38, EXT + "/extension/3/valueCode=\"conditional\"", "-" + EXT + "/extension/6",
            EXT + "/extension/-={\"url\": \"info-needed\", \"valueCode\": \"timeframe\"}"),
        fail("response", "warning", CrdRules.HOOK_16, "", "-/systemActions"),
        failAs("response", "appointment-book", DEFAULT_CONFIG, "warning", CrdRules.HOOK_16, "/systemActions", "/systemActions=[]"),
        passAs("response", "order-sign", "{\"coverage-info\": false}", CrdRules.HOOK_16, "-/systemActions"),
        passAs("response", "order-select", DEFAULT_CONFIG, CrdRules.HOOK_16, "-/systemActions"),
        failAs("response", "order-select", DEFAULT_CONFIG, "error", CrdRules.HOOK_19, EXT),
        failAs("response", "encounter-start", DEFAULT_CONFIG, "error", CrdRules.HOOK_19, EXT, EXT + "/extension/3/valueCode=\"admin\""),
        passAs("response", "order-select", DEFAULT_CONFIG, CrdRules.HOOK_19, EXT + "/extension/3/valueCode=\"patient\""),
        fail("response", "warning", CrdRules.RESP_70, "/cards/3", "/cards/-=" + COVERAGE_CARD),
        passAs("response", "appointment-book", DEFAULT_CONFIG, CrdRules.RESP_70, "/cards/-=" + COVERAGE_CARD),
        fail("response", "error", CrdRules.DEV_14, "/cards/3", "/cards/-=" + card.formatted("21", "claim")),
        fail("response", "error", CrdRules.DEV_14, "/cards", "/cards/-=" + card.formatted("21", "network"),
            "/cards/-=" + card.formatted("22", "network"), "/cards/-=" + card.formatted("23", "network")),
        failAs("response", "order-sign", "{\"coverage-info\": false}", "error", CrdRules.DEV_14, "/systemActions"),
        pass("response", CrdRules.DEV_14, "/cards/-=" + card.formatted("21", "network"), "/cards/-=" + card.formatted("22", "limits")));
  }

  @TestFactory
  Stream<DynamicTest> theEditBreaksItsRule() {
    return RuleFixtures.breakTheirRule(failing());
  }

  @TestFactory
  Stream<DynamicTest> theEditKeepsItsRule() {
    return RuleFixtures.keepTheirRule(passing());
  }

  static Stream<Fixture> failing() {
    return fixtures().filter(Fixture::fails);
  }

  static Stream<Fixture> passing() {
    return fixtures().filter(f -> !f.fails());
  }

  @Test
  void everyRuleHasFailingAndPassingFixtures() throws IllegalAccessException {
    for (String rule : ruleIds()) {
      assertTrue(failing().anyMatch(f -> f.rule().equals(rule)), "no failing fixture for " + rule);
      assertTrue(passing().anyMatch(f -> f.rule().equals(rule)), "no passing fixture for " + rule);
    }
  }

  @Test
  void everyRuleIdIsTheGuides() throws IOException, IllegalAccessException {
    Set<String> requirements = lines("requirement-ids.txt");
    Set<String> invariants = lines("invariant-ids.txt");
    assertEquals(232, requirements.size(), "the guide lists 232 requirement ids");
    Set<String> covered = new TreeSet<>();
    for (String rule : ruleIds()) {
      if (rule.startsWith("crd:")) {
        assertTrue(requirements.contains(rule.substring(4)), rule + " is not a requirement id of CRD 2.2.1");
        covered.add(rule);
      } else {
        assertTrue(invariants.contains(rule), rule + " is not an invariant of CRD 2.2.1");
      }
    }
    assertEquals(32, covered.size(), "requirement ids checked: " + covered);
  }

  /** A valid document: the guide's discovery example, a CRD example request, or the response above. */
  static JsonNode base(String base) {
    try {
      return switch (base) {
        case "discovery" -> Json.parse(Files.readString(Path.of("src/test/resources/crd/CRDServices.json")), base);
        case "response" -> Json.parse(RESPONSE, base);
        case "order-select" -> {
          ObjectNode r = (ObjectNode) base("order-sign");
          r.put("hook", "order-select");
          ((ObjectNode) r.get("context")).putArray("selections").add("DeviceRequest/dme-wheelchair-1");
          yield r;
        }
        default -> Json.parse(Files.readString(Path.of("examples/requests/crd-" + base + ".json")), base);
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The discovery entry the example payer (examples/services/crd) gives the service of a hook. */
  private static JsonNode service(String hook) {
    String file = hook.equals("order-select") ? "order-sign" : hook;
    JsonNode definition = Json.parse(readString(Path.of("examples/services/crd/" + file + "-crd.json")), file);
    ObjectNode entry = Json.object();
    entry.put("id", definition.path("id").asText());
    entry.put("hook", hook);
    entry.set("extension", definition.get("extension"));
    return entry;
  }

  private static List<String> ruleIds() throws IllegalAccessException {
    List<String> ids = new ArrayList<>();
    for (Field f : CrdRules.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        f.setAccessible(true);
        ids.add((String) f.get(null));
      }
    }
    return ids;
  }

  private static Set<String> lines(String name) throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/crd", name)).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::strip).collect(Collectors.toSet());
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
