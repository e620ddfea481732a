package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A FHIR Coding as cards carry them (topics, override reasons). */
public record Coding(JsonNode node) {
  public String code() {
    return Nodes.text(node, "code");
  }

  public String system() {
    return Nodes.text(node, "system");
  }

  public String display() {
    return Nodes.text(node, "display");
  }
}
