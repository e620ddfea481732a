package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;

/**
 * A CDS service's response as received: its cards (each knowing its index in the response, so a
 * finding's {@code /cards/1/…} pointer can be matched) and system actions. Nothing is dropped or
 * reshaped: the tree stays as the service sent it.
 */
public record Response(JsonNode node) {
  private static final Comparator<Card> BY_RANK = new Comparator<>() {
    @Override
    public int compare(Card a, Card b) {
      return Integer.compare(a.rank(), b.rank());
    }
  };

  public static Response of(JsonNode body) {
    return new Response(body);
  }

  public boolean isObject() {
    return node != null && node.isObject();
  }

  /** The cards in the order received; elements that are not objects are views too (their fields read as null). */
  public List<Card> cards() {
    List<JsonNode> elements = Nodes.elements(node, "cards");
    List<Card> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(new Card(i, elements.get(i)));
    }
    return out;
  }

  /** The cards by urgency (critical, warning, info, then unknown), stable within a level. */
  public List<Card> displayOrder() {
    List<Card> cards = cards();
    cards.sort(BY_RANK);
    return cards;
  }

  public List<SystemAction> systemActions() {
    List<JsonNode> elements = Nodes.elements(node, "systemActions");
    List<SystemAction> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(new SystemAction(i, elements.get(i)));
    }
    return out;
  }
}
