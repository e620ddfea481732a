package dev.cds.hooks;

import dev.cds.core.Grammar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --set PATH=VALUE}: dotted paths with optional {@code [n]} indexes
 * ({@code context.dispatchedOrders[0]}). A value that parses as JSON (object, array, number,
 * boolean, null) goes in as JSON — except into a context field the hook types as string, which
 * always receives the text as typed, so {@code --set context.patientId=123} stays a string.
 */
public final class Overrides {
  /** Far deeper than any request needs, far shallower than what JSON writers and checks recurse through. */
  static final int MAX_SEGMENTS = 64;
  /** Top-level members that are objects: plain text there is never what the user meant. */
  private static final List<String> OBJECTS = List.of("context", "prefetch", "fhirAuthorization");

  /** One parsed {@code PATH=VALUE}. */
  public record Override(List<Object> path, String raw, String spec) {}

  private final List<Override> overrides;

  private Overrides(List<Override> overrides) {
    this.overrides = overrides;
  }

  public static Overrides parse(List<String> specs) {
    List<Override> out = new ArrayList<>();
    for (String spec : specs == null ? List.<String>of() : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw CdsException.usage("{0} {1}: expected PATH=VALUE, e.g. {0} context.patientId=abc", Setting.SET, spec);
      }
      Override o = new Override(path(spec.substring(0, eq), spec), spec.substring(eq + 1), spec);
      // "context=" or "context=abc" is a slip (a deliberately wrong document is written as JSON: context=[])
      if (o.path().size() == 1 && OBJECTS.contains(o.path().get(0)) && value(o, null).isTextual()
          && !o.raw().strip().startsWith("\"")) {
        throw CdsException.usage("{0} {1}: {2} is an object; set one of its fields ({0} {2}.NAME=VALUE) or give it"
            + " as JSON", Setting.SET, spec, o.path().get(0));
      }
      out.add(o);
    }
    return new Overrides(out);
  }

  public boolean isEmpty() {
    return overrides.isEmpty();
  }

  /** Applies every override to {@code request}; {@code hook} (may be null) types context fields. */
  public void apply(ObjectNode request, HookDefinition hook) {
    for (Override o : overrides) {
      JsonNode value = value(o, hook);
      ContainerNode<?> parent = request;
      for (int i = 0; i < o.path().size() - 1; i++) {
        parent = child(parent, o.path().get(i), o.path().get(i + 1) instanceof Integer, o.spec());
      }
      put(parent, o.path().get(o.path().size() - 1), value, o.spec());
    }
  }

  private static JsonNode value(Override o, HookDefinition hook) {
    List<Object> p = o.path();
    boolean stringField = false;
    if (hook != null && p.size() == 2 && "context".equals(p.get(0)) && p.get(1) instanceof String name) {
      Optional<ContextField> field = hook.field(name);
      stringField = field.isPresent() && field.get().textValued();
    }
    if (stringField || !looksLikeJson(o.raw())) {
      return TextNode.valueOf(o.raw());
    }
    try {
      return Json.parse(o.raw(), "the override");
    } catch (CdsException e) {
      return TextNode.valueOf(o.raw());
    }
  }

  private static boolean looksLikeJson(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return c == '{' || c == '[' || c == '"' || c == '-' || Character.isDigit(c)
        || s.equals("true") || s.equals("false") || s.equals("null");
  }

  private static ContainerNode<?> child(ContainerNode<?> parent, Object key, boolean wantArray, String spec) {
    JsonNode existing = parent instanceof ObjectNode o ? o.get((String) key) : ((ArrayNode) parent).get((Integer) key);
    if (existing instanceof ContainerNode<?> c && (wantArray ? existing.isArray() : existing.isObject())) {
      return c;
    }
    if (existing != null && !existing.isNull()) {
      throw CdsException.usage("{0} {1}: '{2}' holds {3}, not {4}", Setting.SET, spec, key,
          Grammar.withArticle(existing.getNodeType().name().toLowerCase()), wantArray ? "an array" : "an object");
    }
    ContainerNode<?> created = wantArray ? Json.array() : Json.object();
    put(parent, key, created, spec);
    return created;
  }

  private static void put(ContainerNode<?> parent, Object key, JsonNode value, String spec) {
    if (parent instanceof ObjectNode o) {
      if (!(key instanceof String name)) {
        throw CdsException.usage("{0} {1}: [{2}] indexes an object, use .name", Setting.SET, spec, key);
      }
      o.set(name, value);
      return;
    }
    ArrayNode a = (ArrayNode) parent;
    if (!(key instanceof Integer index)) {
      throw CdsException.usage("{0} {1}: '{2}' names a field of an array, use [n]", Setting.SET, spec, key);
    }
    if (index < a.size()) {
      a.set(index, value);
    } else if (index == a.size()) {
      a.add(value);
    } else {
      throw CdsException.usage("{0} {1}: index {2} is past the end of an array of {3}", Setting.SET, spec, index,
          a.size());
    }
  }

  static List<Object> path(String text, String spec) {
    List<Object> out = new ArrayList<>();
    String[] parts = text.split("\\.", -1);
    if (parts.length > MAX_SEGMENTS) {
      throw CdsException.usage("{0}: a path of {1} segments is too deep (at most {2})", Setting.SET, parts.length,
          MAX_SEGMENTS);
    }
    for (String part : parts) {
      String name = part;
      List<Integer> indexes = new ArrayList<>();
      while (name.endsWith("]") && name.contains("[")) {
        int open = name.lastIndexOf('[');
        indexes.add(0, index(name.substring(open + 1, name.length() - 1), part, spec));
        name = name.substring(0, open);
      }
      if (name.isEmpty() && (out.isEmpty() || indexes.isEmpty())) {
        throw CdsException.usage("{0} {1}: empty name in path '{2}'", Setting.SET, spec, text);
      }
      if (!name.isEmpty()) {
        if (allDigits(name, false) && !out.isEmpty()) {
          out.add(index(name, part, spec));
        } else {
          out.add(name);
        }
      }
      out.addAll(indexes);
    }
    return out;
  }

  /** Whether every character is a digit: any Unicode digit, or with {@code ascii} only 0 to 9. */
  private static boolean allDigits(String s, boolean ascii) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (ascii ? c < '0' || c > '9' : !Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** An array index: 0 or more, as plain digits. */
  private static int index(String digits, String part, String spec) {
    if (digits.isEmpty() || !allDigits(digits, true)) {
      throw CdsException.usage("{0} {1}: bad index in '{2}': indexes are 0, 1, 2 …", Setting.SET, spec, part);
    }
    if (digits.length() > 9) {
      throw CdsException.usage("{0} {1}: index {2} in '{3}' is too large", Setting.SET, spec, digits, part);
    }
    return Integer.parseInt(digits);
  }
}
