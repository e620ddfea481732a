package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;

/** An action the EHR applies without asking, at {@code /systemActions/index}. */
public record SystemAction(int index, JsonNode node) {
  public String pointer() {
    return "/systemActions/" + index;
  }

  public Action action() {
    return new Action(index, node);
  }
}
