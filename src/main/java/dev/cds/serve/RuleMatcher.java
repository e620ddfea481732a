package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether a {@code when} holds for a JSON document (a request, or a card when filtering).
 * Paths are dotted ({@code context.performer}) or, for names holding dots, JSON pointers
 * ({@code /extension/davinci-crd.configuration/max-cards}); where a path crosses an array, any
 * element may match, and a {@code *} step takes every member of an object.
 *
 * <p>A condition is a value (equality) or an object of tests that must all hold: {@code equals},
 * {@code in}, {@code notIn}, {@code matches}, {@code type} (a JSON type or a list of them),
 * {@code present}, {@code count} (a number, or {@code {"min": N, "max": M}}), {@code not} (some
 * value fails the inner condition) and {@code default} (the value to test when the path is absent).
 */
final class RuleMatcher {
  private RuleMatcher() {}

  static boolean matches(JsonNode when, JsonNode doc) {
    for (var it = when.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!holds(e.getValue(), values(doc, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(JsonNode condition, List<JsonNode> found) {
    if (!condition.isObject()) {
      return found.stream().anyMatch(condition::equals);
    }
    List<JsonNode> values = found.isEmpty() && condition.has("default") ? List.of(condition.get("default")) : found;
    for (var it = condition.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      JsonNode arg = c.getValue();
      boolean ok = switch (c.getKey()) {
        case "equals" -> values.stream().anyMatch(arg::equals);
        case "in" -> values.stream().anyMatch(v -> contains(arg, v));
        case "notIn" -> !values.isEmpty() && values.stream().noneMatch(v -> contains(arg, v));
        case "matches" -> values.stream().anyMatch(v -> Pattern.compile(arg.asText()).matcher(v.asText()).find());
        case "type" -> values.stream().anyMatch(v -> arg.isArray() ? contains(arg, TextNode.valueOf(type(v))) : arg.asText().equals(type(v)));
        case "present" -> arg.asBoolean() != found.isEmpty();
        case "count" -> count(arg, found.size());
        case "not" -> values.stream().anyMatch(v -> !holds(arg, List.of(v)));
        case "default" -> true;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean count(JsonNode arg, int n) {
    if (arg.isNumber()) {
      return n == arg.asInt();
    }
    return (!arg.has("min") || n >= arg.get("min").asInt()) && (!arg.has("max") || n <= arg.get("max").asInt());
  }

  /** The JSON type of a value as rules name it: boolean, integer, number, string, object, array, null. */
  private static String type(JsonNode v) {
    return v.isBoolean() ? "boolean" : v.isIntegralNumber() ? "integer" : v.isNumber() ? "number"
        : v.isTextual() ? "string" : v.isObject() ? "object" : v.isArray() ? "array" : "null";
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
    for (String part : steps(path)) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        if (part.equals("*")) {
          for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            add(next, it.next());
          }
        } else {
          add(next, n.get(part));
        }
      }
      current = next;
    }
    return current;
  }

  private static void add(List<JsonNode> into, JsonNode child) {
    if (child == null || child.isNull()) {
      return;
    }
    if (child.isArray()) {
      child.forEach(into::add);
    } else {
      into.add(child);
    }
  }

  private static List<String> steps(String path) {
    if (!path.startsWith("/")) {
      return List.of(path.split("\\."));
    }
    List<String> steps = new ArrayList<>();
    for (String s : path.substring(1).split("/", -1)) {
      steps.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return steps;
  }
}
