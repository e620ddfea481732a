package dev.cds.prefetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrefetchTemplateTest {
  private static final HookCatalog CATALOG = HookCatalog.bundled();
  private static final HookDefinition ORDER_SIGN = CATALOG.definition("order-sign", "1.0");
  private static final HookDefinition PATIENT_VIEW = CATALOG.definition("patient-view", null);
  private static final HookDefinition DISPATCH_11 = CATALOG.definition("order-dispatch", "1.1");

  /** The URL, or "skip: reason", or "error: message". */
  private static String resolve(String template, TokenRules rules, HookDefinition hook, ObjectNode context,
      Map<String, JsonNode> vars) {
    try {
      PrefetchTemplate.Resolution r = PrefetchTemplate.parse(template, rules, hook).resolve(Fixtures.env(context, vars));
      return r.isSkipped() ? "skip: " + r.skipped() : r.url();
    } catch (TemplateException e) {
      return "error: " + e.getMessage();
    }
  }

  private static String sign(String template, TokenRules rules) {
    return resolve(template, rules, ORDER_SIGN, Fixtures.orderSignContext(), Map.of());
  }

  @ParameterizedTest(name = "[{index}] {0} under {1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
      "Patient/{{context.patientId}} ~ 2.0 ~ Patient/p1",
      "{{context.userId}} ~ 2.0 ~ PractitionerRole/r9",
      "Encounter/{{context.encounterId}} ~ 2.0 ~ skip: context.encounterId is absent",
      "Observation?patient={{context.patientId}}&code=http://loinc.org|4548-4&_count=1 ~ 2.0 ~ Observation?patient=p1&code=http://loinc.org%7C4548-4&_count=1",
      "PractitionerRole/{{userPractitionerRoleId}} ~ 2.0 ~ PractitionerRole/r9",
      "Practitioner/{{userPractitionerId}} ~ 2.0 ~ skip: {{userPractitionerId}} needs a Practitioner user; context.userId is PractitionerRole/r9",
      "Patient?_id={{ context.patientId }} ~ 2.0 ~ Patient?_id=p1",
      "Patient/{{context.patientId}} ~ crd ~ Patient/p1",
      "Patient/{{context.patientId}} ~ fhirpath ~ Patient/p1",
      "Encounter/{{context.encounterId}} ~ fhirpath ~ skip: context.encounterId is absent",
      "PractitionerRole/{{userPractitionerRoleId}} ~ fhirpath ~ PractitionerRole/r9",
      "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}} ~ crd ~ ServiceRequest?_id=sr1,sr2",
      "MedicationRequest?_id={{context.draftOrders.MedicationRequest.id}} ~ crd ~ MedicationRequest?_id=mr1",
      "NutritionOrder?_id={{context.draftOrders.NutritionOrder.id}} ~ crd ~ skip: no NutritionOrder in context.draftOrders",
      "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}} ~ all ~ ServiceRequest?_id=sr1,sr2",
      "Practitioner?_id={{context.draftOrders.entry.resource.ofType(ServiceRequest).requester.resolve().ofType(Practitioner).id}} ~ fhirpath ~ Practitioner?_id=doc1,doc2",
      "Medication?_id={{context.draftOrders.entry.resource.ofType(MedicationRequest).medication.resolve().id}} ~ fhirpath ~ Medication?_id=med1",
      "ServiceRequest?_id={{context.draftOrders.entry.resource.ofType(ServiceRequest).id | context.draftOrders.entry.resource.ofType(DeviceRequest).id}} ~ fhirpath ~ ServiceRequest?_id=sr1,sr2,dr1",
      "Observation?patient={{context.patientId}}&date=ge{{today() - 30 days}} ~ fhirpath ~ Observation?patient=p1&date=ge2025-03-01",
      "Appointment?date=lt{{today() + 1 day}} ~ fhirpath ~ Appointment?date=lt2025-04-01",
      "x?id={{context.draftOrders.entry.resource.ofType(DeviceRequest).code.text}} ~ fhirpath ~ x?id=CPAP",
      "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}} ~ fhirpath ~ skip: {{context.draftOrders.ServiceRequest.id}} gives no value (this is a CRD 2.0 token: set prefetch-tokens to crd or all)",
      "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}} ~ 2.0 ~ error: '{{context.draftOrders.ServiceRequest.id}}' is not a CDS Hooks 2.0 prefetch token (a CRD token: set prefetch-tokens to crd)",
      "Bundle?x={{context.draftOrders}} ~ 2.0 ~ error: context.draftOrders of order-sign 1.0 is not a prefetch token (the hook's table says no; set prefetch-tokens to fhirpath for paths)",
      "Bundle?x={{context.draftOrders}} ~ fhirpath ~ error: '{{context.draftOrders}}' gives FHIR objects, not values: end the path with .id or another value",
      "Medication/{{context.medication.id}} ~ 2.0 ~ error: '{{context.medication.id}}' is not a CDS Hooks 2.0 prefetch token (paths and functions need prefetch-tokens fhirpath)",
  })
  void substitutesUnderEachRuleSet(String template, String rules, String expected) {
    assertEquals(expected, sign(template, TokenRules.parse(rules)));
  }

  @ParameterizedTest(name = "[{index}] userId {0}")
  @CsvSource({
      "Practitioner/abc,     userPractitionerId,     abc",
      "PractitionerRole/r-1, userPractitionerRoleId, r-1",
      "Patient/p1,           userPatientId,          p1",
      "RelatedPerson/rp.7,   userRelatedPersonId,    rp.7",
  })
  void userTokensComeFromUserIdOfEachType(String userId, String token, String id) {
    ObjectNode ctx = Json.object().put("userId", userId).put("patientId", "p1");
    for (TokenRules rules : TokenRules.values()) {
      assertEquals("X?u=" + id, resolve("X?u={{" + token + "}}", rules, PATIENT_VIEW, ctx, Map.of()), rules.label());
    }
    // every other user token is unresolvable for this user: skipped, not guessed
    for (String other : PrefetchTemplate.USER_TOKENS.keySet()) {
      if (!other.equals(token)) {
        assertTrue(resolve("X?u={{" + other + "}}", TokenRules.V2, PATIENT_VIEW, ctx, Map.of()).startsWith("skip: "));
      }
    }
    assertEquals("skip: {{userPatientId}} needs context.userId, which is absent",
        resolve("Patient/{{userPatientId}}", TokenRules.V2, PATIENT_VIEW, Json.object().put("patientId", "p1"), Map.of()));
  }

  @Test
  void queryValuesArePercentEncodedButPathsAreNot() {
    ObjectNode ctx = Json.object().put("userId", "Practitioner/x").put("patientId", "a|b,c d+e");
    assertEquals("Observation?patient=a%7Cb%2Cc%20d%2Be&subject=Practitioner/x",
        resolve("Observation?patient={{context.patientId}}&subject={{context.userId}}", TokenRules.V2, PATIENT_VIEW, ctx, Map.of()));
    assertEquals("Patient/a%7Cb,c%20d+e",
        resolve("Patient/{{context.patientId}}", TokenRules.V2, PATIENT_VIEW, ctx, Map.of()));
    // several values: each is encoded, the comma that means "or" is not
    ObjectNode two = Json.object();
    two.putArray("ids").add("a,1").add("b|2");
    assertEquals("X?_id=a%2C1,b%7C2", resolve("X?_id={{context.ids}}", TokenRules.FHIRPATH, null, two, Map.of()));
  }

  @Test
  void orderDispatchTakesIdsFromDispatchedOrderReferences() {
    ObjectNode ctx = Fixtures.orderDispatchContext();
    assertEquals("ServiceRequest?_id=imaging-order-001,imaging-order-002",
        resolve("ServiceRequest?_id={{context.dispatchedOrders.ServiceRequest.id}}", TokenRules.CRD, DISPATCH_11, ctx, Map.of()));
    assertEquals("DeviceRequest?_id=d9",
        resolve("DeviceRequest?_id={{context.dispatchedOrders.resolve().ofType(DeviceRequest).id}}", TokenRules.FHIRPATH, DISPATCH_11, ctx, Map.of()));
    assertEquals("Organization/radiology-center-456",
        resolve("{{context.performer}}", TokenRules.V2, DISPATCH_11, ctx, Map.of()));
    // dispatchedOrders is marked a token but is an array: only a path can use it
    assertTrue(resolve("X?o={{context.dispatchedOrders}}", TokenRules.V2, DISPATCH_11, ctx, Map.of()).contains("is an array"));
    assertEquals("X?o=ServiceRequest/imaging-order-001,ServiceRequest/imaging-order-002,DeviceRequest/d9",
        resolve("X?o={{context.dispatchedOrders}}", TokenRules.ALL, DISPATCH_11, ctx, Map.of()));
    // CRD's order-dispatch template uses encounterId, which this hook does not define
    assertEquals("skip: context.encounterId is absent (order-dispatch 1.1 does not define it)",
        resolve("Encounter/{{context.encounterId}}", TokenRules.CRD, DISPATCH_11, ctx, Map.of()));
  }

  @Test
  void percentKeyReadsAnEarlierPrefetchResult() throws TemplateException {
    JsonNode coverage = Json.parse("""
        {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource":
          {"resourceType": "Coverage", "id": "c1", "payor": [{"reference": "Organization/o1"}]}}]}""", "t");
    String t = "Organization?_id={{%coverage.entry.resource.payor.resolve().id}}";
    assertEquals(java.util.Set.of("coverage"), PrefetchTemplate.parse(t, TokenRules.FHIRPATH, ORDER_SIGN).references());
    assertEquals("Organization?_id=o1",
        resolve(t, TokenRules.FHIRPATH, ORDER_SIGN, Fixtures.orderSignContext(), Map.of("coverage", coverage)));
    assertTrue(resolve(t, TokenRules.FHIRPATH, ORDER_SIGN, Fixtures.orderSignContext(), Map.of()).startsWith("skip: "));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
      "Patient/{{context.patientId} ~ '{{' without '}}' at character 9 of 'Patient/{{context.patientId}'",
      "Patient/context.patientId}} ~ '}}' without '{{' at character 26 of 'Patient/context.patientId}}'",
      "Patient/{{context.patientId}}} ~ unbalanced braces in 'Patient/{{context.patientId}}}'",
      "Patient/{{{context.patientId}}} ~ unbalanced braces in '{{{context.patientId}}'",
      "Patient/{{}} ~ empty token '{{}}' in 'Patient/{{}}'",
      "X?a={{context.draftOrders.entry.first().id}} ~ unknown function first() (supported: ofType(T), resolve(), extension('url'), today()) in 'context.draftOrders.entry.first().id'",
      "X?a={{context.draftOrders.ofType(}} ~ expected a name at the end in 'context.draftOrders.ofType('",
      "X?a={{today() - 3 fortnights}} ~ unknown date unit 'fortnights' in 'today() - 3 fortnights': use days",
      "X?a={{patientId}} ~ a path starts with 'context', '%key' or 'today()', not 'patientId' in 'patientId'",
      "X?a={{context.patientId = 1}} ~ unexpected '=' in 'context.patientId = 1'",
  })
  void badTemplatesAreReportedWithTheirReason(String template, String message) {
    assertEquals("error: " + message, sign(template, TokenRules.ALL));
  }

  @Test
  void anUnknownHookMakesEveryRootValueA2Token() {
    ObjectNode ctx = Json.object().put("patientId", "p1").put("customId", "c-1");
    assertEquals("Basic/c-1", resolve("Basic/{{context.customId}}", TokenRules.V2, null, ctx, Map.of()));
  }
}
