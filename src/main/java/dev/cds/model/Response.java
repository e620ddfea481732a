package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;

/**
 * A CDS service's response as received: its cards (each knowing its index in the response, so a
 * finding's {@code /cards/1/…} pointer can be matched) and system actions. Nothing is dropped or
 * reshaped: the tree stays as the service sent it.
 */
public record Response(JsonNode node) {
  public static Response of(JsonNode body) {
    return new Response(body);
  }

  public boolean isObject() {
    return node != null && node.isObject();
  }

  /** The cards in the order received; elements that are not objects are views too (their fields read as null). */
  public List<Card> cards() {
    return Nodes.list(node, "cards", Card::new);
  }

  /** The cards by urgency (critical, warning, info, then unknown), stable within a level. */
  public List<Card> displayOrder() {
    List<Card> cards = cards();
    cards.sort(Comparator.comparingInt(Card::rank));
    return cards;
  }

  public List<SystemAction> systemActions() {
    return Nodes.list(node, "systemActions", SystemAction::new);
  }
}
