package dev.cds.hooks;

import java.util.List;
import java.util.Map;

/**
 * One row of a hook's context table.
 *
 * @param type the JSON type: string, array or object
 * @param form what the value holds: id, reference, references, resource, bundle or resources
 * @param referenceTypes allowed resource types of a reference (empty: any)
 * @param resourceTypes allowed resource types inside a resource/bundle field, per FHIR version
 */
public record ContextField(
    String name,
    boolean required,
    boolean prefetchToken,
    String type,
    String form,
    List<String> referenceTypes,
    Map<String, List<String>> resourceTypes,
    String description) {

  public boolean textValued() {
    return "string".equals(type);
  }
}
