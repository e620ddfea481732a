package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A card's link: an absolute URL or a SMART app launch. */
public record Link(JsonNode node) {
  public String label() {
    return Nodes.text(node, "label");
  }

  public String url() {
    return Nodes.text(node, "url");
  }

  /** {@code absolute} or {@code smart} (or whatever was sent); null when absent. */
  public String type() {
    return Nodes.text(node, "type");
  }

  public String appContext() {
    return Nodes.text(node, "appContext");
  }

  public boolean autolaunchable() {
    return node.path("autolaunchable").asBoolean(false);
  }
}
