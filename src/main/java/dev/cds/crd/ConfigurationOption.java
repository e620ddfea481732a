package dev.cds.crd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a service's {@code davinci-crd.configuration-options}: the code sent back in
 * {@code davinci-crd.configuration}, its JSON type ({@code boolean} or {@code integer}), display
 * name, default (null when the service gives none) and description. Fields the service left out
 * are null.
 */
public record ConfigurationOption(String code, String type, String name, JsonNode defaultValue, String description) {
  static ConfigurationOption of(JsonNode n) {
    return new ConfigurationOption(text(n, "code"), text(n, "type"), text(n, "name"),
        n.hasNonNull("default") ? n.get("default") : null, text(n, "description"));
  }

  /** {@code default} as text, or "" when absent. */
  public String defaultText() {
    return defaultValue == null ? "" : defaultValue.isValueNode() ? defaultValue.asText() : defaultValue.toString();
  }

  /** "code (type, default D)" for messages that list what a service offers. */
  public String describe() {
    return code + " (" + (type == null ? "untyped" : type) + (defaultValue == null ? "" : ", default " + defaultText()) + ")";
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
