package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** An order-sign context, the FHIR data an EHR would hold for it, and an evaluation environment. */
final class Fixtures {
  private Fixtures() {}

  static ObjectNode orderSignContext() {
    return (ObjectNode) Json.parse("""
        {"userId": "PractitionerRole/r9", "patientId": "p1",
         "draftOrders": {"resourceType": "Bundle", "type": "collection", "entry": [
           {"resource": {"resourceType": "ServiceRequest", "id": "sr1", "status": "draft", "intent": "order",
             "subject": {"reference": "Patient/p1"}, "requester": {"reference": "Practitioner/doc1"}}},
           {"resource": {"resourceType": "MedicationRequest", "id": "mr1", "status": "draft", "intent": "order",
             "subject": {"reference": "Patient/p1"}, "medicationReference": {"reference": "Medication/med1"},
             "requester": {"reference": "PractitionerRole/r9"}}},
           {"resource": {"resourceType": "ServiceRequest", "id": "sr2", "status": "draft", "intent": "order",
             "subject": {"reference": "Patient/p1"}, "requester": {"reference": "https://ehr.example.org/fhir/Practitioner/doc2"}}},
           {"resource": {"resourceType": "DeviceRequest", "id": "dr1", "status": "draft", "intent": "order",
             "subject": {"reference": "Patient/p1"}, "codeCodeableConcept": {"text": "CPAP"}}}
         ]}}
        """, "fixture");
  }

  static ObjectNode orderDispatchContext() {
    return (ObjectNode) Json.parse("""
        {"patientId": "1288992",
         "dispatchedOrders": ["ServiceRequest/imaging-order-001", "ServiceRequest/imaging-order-002", "DeviceRequest/d9"],
         "performer": "Organization/radiology-center-456"}
        """, "fixture");
  }

  /** What the EHR's FHIR server holds for the order-sign fixture. */
  static JsonNode ehrBundle() {
    return Json.parse("""
        {"resourceType": "Bundle", "type": "collection", "entry": [
          {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1970-01-01", "gender": "female"}},
          {"resource": {"resourceType": "Patient", "id": "p2"}},
          {"resource": {"resourceType": "Coverage", "id": "cov1", "status": "active",
            "beneficiary": {"reference": "Patient/p1"}, "payor": [{"reference": "Organization/payer-a"}]}},
          {"resource": {"resourceType": "Coverage", "id": "cov0", "status": "cancelled",
            "beneficiary": {"reference": "Patient/p1"}, "payor": [{"reference": "Organization/payer-b"}]}},
          {"resource": {"resourceType": "Coverage", "id": "cov2", "status": "active",
            "beneficiary": {"reference": "Patient/p2"}, "payor": [{"reference": "Organization/payer-b"}]}},
          {"resource": {"resourceType": "Organization", "id": "payer-a", "name": "Payer A"}},
          {"resource": {"resourceType": "Organization", "id": "payer-b", "name": "Payer B"}},
          {"resource": {"resourceType": "ServiceRequest", "id": "sr1", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p1"}}},
          {"resource": {"resourceType": "ServiceRequest", "id": "sr2", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p1"}}},
          {"resource": {"resourceType": "ServiceRequest", "id": "sr3", "status": "active", "intent": "order",
            "subject": {"reference": "Patient/p2"}}},
          {"resource": {"resourceType": "Observation", "id": "o1", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-03-20T10:00:00Z"}},
          {"resource": {"resourceType": "Observation", "id": "o2", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-01-02"}},
          {"resource": {"resourceType": "Observation", "id": "o3", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-03-25"}}
        ]}
        """, "fixture");
  }

  /** An environment over a context, with earlier prefetch results and a fixed "today". */
  static FhirPath.Env env(ObjectNode context, Map<String, JsonNode> variables) {
    Map<String, JsonNode> vars = new HashMap<>(variables);
    return new FhirPath.Env() {
      @Override
      public JsonNode context() {
        return context;
      }

      @Override
      public JsonNode variable(String key) {
        return vars.get(key);
      }

      @Override
      public LocalDate today() {
        return LocalDate.of(2025, 3, 31);
      }

      @Override
      public JsonNode find(String type, String id) {
        return null;
      }
    };
  }
}
