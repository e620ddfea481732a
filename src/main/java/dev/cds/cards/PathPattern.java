package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-pointer-like path into a response, with wildcards: {@code *} matches one object member
 * or array element, {@code **} any number of levels. {@code /cards/*}{@code /detail},
 * {@code /systemActions/*}{@code /resource/meta}, {@code /**}{@code /lastUpdated}.
 */
public final class PathPattern {
  private final String text;
  private final List<String> segments;

  private PathPattern(String text, List<String> segments) {
    this.text = text;
    this.segments = segments;
  }

  public static PathPattern parse(String text) {
    if (!text.startsWith("/") || text.length() < 2) {
      throw CdsException.usage("{0} '{1}' is not a path: write it like a JSON pointer, e.g. /cards/*/detail",
          Setting.IGNORE, text);
    }
    List<String> segments = new ArrayList<>();
    for (String s : text.substring(1).split("/", -1)) {
      segments.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return new PathPattern(text, List.copyOf(segments));
  }

  /** Removes every node the pattern matches from {@code root} (a mutable tree). */
  void removeFrom(JsonNode root) {
    remove(root, 0);
  }

  private void remove(JsonNode node, int i) {
    if (!node.isContainerNode() || i >= segments.size()) {
      return;
    }
    String seg = segments.get(i);
    boolean last = i == segments.size() - 1;
    if (seg.equals("**")) {
      if (last) {
        clear(node);
        return;
      }
      remove(node, i + 1);
      if (node instanceof ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          if (descend(object.get(name), i)) {
            object.remove(name);
          }
        }
      } else {
        for (int k = node.size() - 1; k >= 0; k--) {
          if (descend(node.get(k), i)) {
            ((ArrayNode) node).remove(k);
          }
        }
      }
      return;
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (seg.equals("*") || seg.equals(name)) {
          if (last) {
            object.remove(name);
          } else if (descend(object.get(name), i + 1)) {
            object.remove(name);
          }
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int k = array.size() - 1; k >= 0; k--) {
        if (seg.equals("*") || seg.equals(String.valueOf(k))) {
          if (last || descend(array.get(k), i + 1)) {
            array.remove(k);
          }
        }
      }
    }
  }

  /**
   * Removes below {@code child}; true when that emptied it, so the caller drops it too: ignoring
   * {@code /meta/lastUpdated} must not leave {@code "meta": {}} on one side only.
   */
  private boolean descend(JsonNode child, int i) {
    boolean wasEmpty = !child.isContainerNode() || child.isEmpty();
    remove(child, i);
    return !wasEmpty && child.isEmpty();
  }

  private static void clear(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.removeAll();
    } else if (node instanceof ArrayNode a) {
      a.removeAll();
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
