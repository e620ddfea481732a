package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Null-safe reads shared by the views: a peer may send any shape. */
final class Nodes {
  private Nodes() {}

  /** A member's text when it is a non-empty scalar, else null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? v.asText() : null;
  }

  /** The object elements of an array member as views, with their index in the array; [] otherwise. */
  static <T> List<T> list(JsonNode node, String field, BiFunction<Integer, JsonNode, T> view) {
    JsonNode array = node == null ? null : node.get(field);
    List<T> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (int i = 0; i < array.size(); i++) {
        out.add(view.apply(i, array.get(i)));
      }
    }
    return out;
  }
}
