package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One suggestion of a card, at {@code …/suggestions/index}. */
public record Suggestion(int index, JsonNode node) {
  public String label() {
    return Nodes.text(node, "label");
  }

  public String uuid() {
    return Nodes.text(node, "uuid");
  }

  public boolean recommended() {
    return node.path("isRecommended").asBoolean(false);
  }

  /** CDS Hooks 3.0: {@code all}, {@code any} or {@code at-most-one} of the actions; null when absent. */
  public String actionSelectionBehavior() {
    return Nodes.text(node, "actionSelectionBehavior");
  }

  public List<Action> actions() {
    List<JsonNode> elements = Nodes.elements(node, "actions");
    List<Action> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(new Action(i, elements.get(i)));
    }
    return out;
  }
}
