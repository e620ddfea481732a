package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A create, update or delete of a FHIR resource, in a suggestion or as a system action. */
public record Action(int index, JsonNode node) {
  public String type() {
    return Nodes.text(node, "type");
  }

  public String description() {
    return Nodes.text(node, "description");
  }

  /** The resource when it is an object, else null. */
  public JsonNode resource() {
    JsonNode r = node.get("resource");
    return r != null && r.isObject() ? r : null;
  }

  /**
   * What the action touches: {@code Type/id} from its resource, else its resourceId (or the
   * resource as text, as CDS Hooks 1.0 sent it for deletes); null when nothing says.
   */
  public String target() {
    JsonNode resource = node.get("resource");
    String resourceId = Nodes.text(node, "resourceId");
    if (resource != null && resource.isObject()) {
      String type = Nodes.text(resource, "resourceType");
      String id = Nodes.text(resource, "id");
      if (type != null) {
        return id == null ? (resourceId != null ? resourceId : type) : type + "/" + id;
      }
    } else if (resource != null && resource.isTextual()) {
      return resource.asText();
    }
    return resourceId;
  }
}
