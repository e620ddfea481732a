package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a FHIR source answered.
 *
 * @param body the parsed JSON body, or null when the body is empty or not JSON
 */
public record FhirResponse(int status, JsonNode body) {
  public String resourceType() {
    return body == null ? null : body.path("resourceType").asText(null);
  }
}
