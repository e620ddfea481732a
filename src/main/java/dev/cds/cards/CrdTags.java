package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.crd.CoverageAssertion;
import dev.cds.crd.ResponseTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the renderers add for Da Vinci CRD responses: each card's and system action's CRD
 * response type, and the DTR hint of coverage information that asks for documentation.
 */
public final class CrdTags {
  /** The member {@code cds render --output json} adds to cards and system actions of a CRD response. */
  public static final String FIELD = "crdResponseType";

  private CrdTags() {}

  /** Adds {@link #FIELD} to every card and system action when the response shows CRD. */
  static void addResponseTypes(ObjectNode response) {
    if (!ResponseTypes.isCrd(response)) {
      return;
    }
    for (JsonNode card : response.path("cards")) {
      if (card instanceof ObjectNode c) {
        c.put(FIELD, ResponseTypes.ofCard(c).code());
      }
    }
    for (JsonNode action : response.path("systemActions")) {
      if (action instanceof ObjectNode a) {
        a.put(FIELD, ResponseTypes.ofSystemAction(a).code());
      }
    }
  }

  /** "CRD: External Reference" for a card whose topic is a CRD card type, else empty. */
  static Optional<String> cardTag(JsonNode card) {
    return ResponseTypes.isCrdCard(card) ? Optional.of("CRD: " + ResponseTypes.ofCard(card).label()) : Optional.empty();
  }

  /** The DTR hints of the coverage information on a system action's resource. */
  static List<String> dtrHints(JsonNode action) {
    List<String> hints = new ArrayList<>();
    for (CoverageAssertion a : CoverageAssertion.of(action.path("resource"))) {
      Optional<String> hint = a.dtrHint();
      if (hint.isPresent()) {
        hints.add(hint.get());
      }
    }
    return hints;
  }
}
