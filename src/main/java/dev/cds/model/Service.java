package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a discovery document, unknown members kept in {@code node}. {@code title} falls
 * back to the {@code name} some servers send.
 */
public record Service(JsonNode node) {
  public String id() {
    return Nodes.text(node, "id");
  }

  public String hook() {
    return Nodes.text(node, "hook");
  }

  public String title() {
    String title = Nodes.text(node, "title");
    return title != null ? title : Nodes.text(node, "name");
  }

  public String description() {
    return Nodes.text(node, "description");
  }

  /** CDS Hooks 3.0: the hook version the service implements, or null. */
  public String hookVersion() {
    return Nodes.text(node, "hookVersion");
  }

  /** The prefetch templates by key, or null when the service declares none. */
  public JsonNode prefetchTemplates() {
    JsonNode p = node.get("prefetch");
    return p != null && p.isObject() ? p : null;
  }

  public Map<String, String> prefetch() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode p = prefetchTemplates();
    if (p != null) {
      for (Map.Entry<String, JsonNode> e : p.properties()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }
}
