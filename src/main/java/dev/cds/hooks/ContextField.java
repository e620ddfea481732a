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
 * @param obeys the invariants the hook's context logical model puts on the field, e.g. ord-1
 * @param expectedStatus the status the field's resources have in this hook (draft orders for
 *     order-sign 1.0, an active order for medication-verify), or null when any status is fine
 */
public record ContextField(
    String name,
    boolean required,
    boolean prefetchToken,
    String type,
    String form,
    List<String> referenceTypes,
    Map<String, List<String>> resourceTypes,
    String description,
    List<String> obeys,
    String expectedStatus) {

  public boolean textValued() {
    return "string".equals(type);
  }
}
