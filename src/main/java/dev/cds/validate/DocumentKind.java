package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** What a document is, told by its members: the four bodies CDS Hooks defines. */
public enum DocumentKind {
  REQUEST,
  RESPONSE,
  DISCOVERY,
  FEEDBACK;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a document's members show, if any. */
  public static Optional<DocumentKind> detect(JsonNode doc) {
    if (!doc.isObject()) {
      return Optional.empty();
    }
    if (doc.has("cards") || doc.has("systemActions")) {
      return Optional.of(RESPONSE);
    }
    if (doc.has("services")) {
      return Optional.of(DISCOVERY);
    }
    if (doc.has("feedback") || (doc.has("card") && doc.has("outcome"))) {
      return Optional.of(FEEDBACK);
    }
    if (doc.has("hook") || doc.has("hookInstance") || doc.has("context")) {
      return Optional.of(REQUEST);
    }
    return Optional.empty();
  }
}
