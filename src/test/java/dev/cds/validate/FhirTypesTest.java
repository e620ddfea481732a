package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import dev.cds.core.Json;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FhirTypesTest {
  @Test
  void theR4ListIsHapisR4Model() {
    Set<String> hapi = new TreeSet<>(FhirContext.forR4().getResourceTypes());
    Set<String> ours = hapi.stream().filter(FhirTypes::isR4).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(hapi, ours);
    assertEquals(146, hapi.size());
    assertFalse(FhirTypes.isR4("MedicationOrder"));
    assertTrue(FhirTypes.isFhir("MedicationOrder"));
    assertFalse(FhirTypes.isFhir("Organziation"));
  }

  @Test
  void referencesAndVersions() {
    assertEquals("ServiceRequest", FhirTypes.typeOf("ServiceRequest/123"));
    assertEquals("Task", FhirTypes.typeOf("Task/1/_history/2"));
    assertNull(FhirTypes.typeOf("123"));
    assertEquals("DSTU2", Validator.fhirVersionOf(Json.parse("{\"a\":{\"resourceType\":\"MedicationOrder\"}}", "x")));
    assertEquals("STU3", Validator.fhirVersionOf(Json.parse("{\"a\":{\"resourceType\":\"ProcedureRequest\"}}", "x")));
    assertEquals("STU3", Validator.fhirVersionOf(Json.parse(
        "{\"a\":{\"resourceType\":\"Condition\",\"clinicalStatus\":\"active\"}}", "x")));
    assertEquals("R4", Validator.fhirVersionOf(Json.parse(
        "{\"a\":{\"resourceType\":\"Condition\",\"clinicalStatus\":{\"text\":\"active\"}}}", "x")));
  }
}
