package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks one FHIR resource found at {@code pointer} in the document being validated. */
interface FhirContent {
  void check(String pointer, JsonNode resource, Findings out);
}
