package dev.cds.validate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.hooks.Overrides;
import java.util.List;

/** The two edit languages of the rule fixtures; each edit applies to a copy of the document. */
final class FixtureEdits {
  private FixtureEdits() {}

  /**
   * Edits by dotted path, as {@code cds init --set} writes them: {@code path=value} (JSON values
   * go in as JSON), {@code path=$other.path} copies a member, {@code -path} removes one, and
   * {@code =JSON} replaces the whole document.
   */
  static JsonNode byPath(JsonNode doc, List<String> edits) {
    JsonNode out = doc.deepCopy();
    for (String e : edits) {
      if (e.startsWith("=")) {
        out = Json.parse(e.substring(1), "edit");
      } else if (e.startsWith("-")) {
        remove(out, e.substring(1));
      } else if (e.contains("=$")) {
        int eq = e.indexOf("=$");
        JsonNode value = at(out, segments(e.substring(eq + 2))).deepCopy();
        String target = e.substring(0, eq);
        // create the member (and any parents) first, then put the copy in its place
        Overrides.parse(List.of(target + "=0")).apply((ObjectNode) out, null);
        ContainerAndKey ck = parent(out, target);
        if (ck.container() instanceof ObjectNode o) {
          o.set(ck.key(), value);
        } else {
          ((ArrayNode) ck.container()).set(Integer.parseInt(ck.key()), value);
        }
      } else {
        Overrides.parse(List.of(e)).apply((ObjectNode) out, null);
      }
    }
    return out;
  }

  /**
   * Edits by JSON pointer: {@code /pointer=VALUE} (JSON values go in as JSON, anything else as a
   * string; {@code -} as the last step appends; {@code $/pointer} copies a member) or
   * {@code -/pointer} to remove.
   */
  static JsonNode byPointer(JsonNode doc, List<String> edits) {
    JsonNode out = doc.deepCopy();
    for (String e : edits) {
      if (e.startsWith("-")) {
        JsonPointer p = JsonPointer.compile(e.substring(1));
        JsonNode parent = out.at(p.head());
        if (parent instanceof ObjectNode o) {
          o.remove(p.last().getMatchingProperty());
        } else {
          ((ArrayNode) parent).remove(p.last().getMatchingIndex());
        }
        continue;
      }
      int eq = e.indexOf('=');
      JsonPointer p = JsonPointer.compile(e.substring(0, eq));
      String raw = e.substring(eq + 1);
      JsonNode value = raw.startsWith("$") ? out.at(raw.substring(1)).deepCopy() : json(raw);
      JsonNode parent = out.at(p.head());
      if (parent instanceof ObjectNode o) {
        o.set(p.last().getMatchingProperty(), value);
      } else if (p.last().getMatchingProperty().equals("-")) {
        ((ArrayNode) parent).add(value);
      } else {
        ((ArrayNode) parent).set(p.last().getMatchingIndex(), value);
      }
    }
    return out;
  }

  private static JsonNode json(String raw) {
    try {
      return Json.parse(raw, "edit");
    } catch (CdsException e) {
      return Json.NODES.textNode(raw);
    }
  }

  private record ContainerAndKey(JsonNode container, String key) {}

  private static List<String> segments(String path) {
    return List.of(path.replace("[", ".").replace("]", "").split("\\."));
  }

  private static JsonNode at(JsonNode doc, List<String> segments) {
    JsonNode n = doc;
    for (String s : segments) {
      n = n.isArray() ? n.get(Integer.parseInt(s)) : n.get(s);
    }
    return n;
  }

  private static ContainerAndKey parent(JsonNode doc, String path) {
    List<String> segs = segments(path);
    return new ContainerAndKey(at(doc, segs.subList(0, segs.size() - 1)), segs.get(segs.size() - 1));
  }

  private static void remove(JsonNode doc, String path) {
    ContainerAndKey ck = parent(doc, path);
    if (ck.container() instanceof ObjectNode o) {
      o.remove(ck.key());
    } else {
      ((ArrayNode) ck.container()).remove(Integer.parseInt(ck.key()));
    }
  }
}
