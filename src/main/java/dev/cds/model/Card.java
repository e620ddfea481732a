package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One card of a response, at {@code /cards/index}. */
public record Card(int index, JsonNode node) {
  public String pointer() {
    return "/cards/" + index;
  }

  public boolean isObject() {
    return node.isObject();
  }

  public String uuid() {
    return Nodes.text(node, "uuid");
  }

  public String summary() {
    return Nodes.text(node, "summary");
  }

  /** The markdown detail, or null when absent or not text. */
  public String detail() {
    JsonNode d = node.get("detail");
    return d != null && d.isTextual() && !d.asText().isBlank() ? d.asText() : null;
  }

  /** The wire word as sent ({@code info}, {@code warning}, {@code critical}, or anything else), or null. */
  public String indicator() {
    JsonNode n = node.get("indicator");
    return n != null && n.isTextual() ? n.asText() : null;
  }

  /**
   * Display rank: critical (and pre-1.0 {@code hard-stop}) 0, warning 1, info 2, anything else 3.
   */
  public int rank() {
    String i = indicator();
    if (i == null) {
      return 3;
    }
    return switch (i) {
      case "critical", "hard-stop" -> 0;
      case "warning" -> 1;
      case "info" -> 2;
      default -> 3;
    };
  }

  public Source source() {
    JsonNode s = node.get("source");
    return s != null && s.isObject() ? new Source(s) : null;
  }

  public String selectionBehavior() {
    return Nodes.text(node, "selectionBehavior");
  }

  public List<Suggestion> suggestions() {
    List<JsonNode> elements = Nodes.elements(node, "suggestions");
    List<Suggestion> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(new Suggestion(i, elements.get(i)));
    }
    return out;
  }

  public List<Coding> overrideReasons() {
    List<Coding> out = new ArrayList<>();
    for (JsonNode n : Nodes.elements(node, "overrideReasons")) {
      out.add(new Coding(n));
    }
    return out;
  }

  public List<Link> links() {
    List<Link> out = new ArrayList<>();
    for (JsonNode n : Nodes.elements(node, "links")) {
      out.add(new Link(n));
    }
    return out;
  }

  /** A card's {@code source}: who gave the advice. */
  public record Source(JsonNode node) {
    public String label() {
      return Nodes.text(node, "label");
    }

    public String url() {
      return Nodes.text(node, "url");
    }

    public String icon() {
      return Nodes.text(node, "icon");
    }

    /** The topic Coding, or null. */
    public Coding topic() {
      JsonNode t = node.get("topic");
      return t != null && t.isObject() ? new Coding(t) : null;
    }
  }
}
