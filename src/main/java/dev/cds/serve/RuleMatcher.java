package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether a rule's {@code when} holds for a request. Paths are dotted
 * ({@code context.performer}); where a path crosses an array, any element may match.
 */
final class RuleMatcher {
  private RuleMatcher() {}

  static boolean matches(JsonNode when, JsonNode request) {
    for (var it = when.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!holds(e.getValue(), values(request, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(JsonNode condition, List<JsonNode> values) {
    if (!condition.isObject()) {
      return values.stream().anyMatch(condition::equals);
    }
    for (var it = condition.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      boolean ok = switch (c.getKey()) {
        case "equals" -> values.stream().anyMatch(c.getValue()::equals);
        case "in" -> values.stream().anyMatch(v -> contains(c.getValue(), v));
        case "notIn" -> !values.isEmpty() && values.stream().noneMatch(v -> contains(c.getValue(), v));
        case "matches" -> values.stream().anyMatch(v -> Pattern.compile(c.getValue().asText()).matcher(v.asText()).find());
        case "present" -> c.getValue().asBoolean() != values.isEmpty();
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode a : array) {
      if (a.equals(value)) {
        return true;
      }
    }
    return false;
  }

  static List<JsonNode> values(JsonNode root, String path) {
    List<JsonNode> current = List.of(root);
    for (String part : path.split("\\.")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        JsonNode child = n.get(part);
        if (child == null || child.isNull()) {
          continue;
        }
        if (child.isArray()) {
          child.forEach(next::add);
        } else {
          next.add(child);
        }
      }
      current = next;
    }
    return current;
  }
}
