package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.prefetch.ResourceStore;
import java.util.ArrayList;
import java.util.List;

/** The example EHR data shipped with cds: where a conformance run's prefetch comes from by default. */
public final class ExampleData {
  static final String RESOURCE = "/examples/fhir/ehr.json";
  public static final String DESCRIPTION = "the example EHR data bundled with cds";

  private ExampleData() {}

  public static ResourceStore store() {
    List<JsonNode> resources = new ArrayList<>();
    for (JsonNode e : Json.resource(RESOURCE).path("entry")) {
      if (e.path("resource").path("resourceType").isTextual()) {
        resources.add(e.get("resource"));
      }
    }
    return ResourceStore.of(DESCRIPTION, resources);
  }
}
